//! The seed page, laid out for a business-development reader: stage as steps from basic
//! research to practical use with the TRL, IP position, collaboration types, advantages,
//! applications and contact; a QR code of the seed's public link; related seeds. The print
//! stylesheet turns it into a one-page handout. Seed text falls back to Japanese with a
//! marker; links are shown only when http(s) or mailto and free of invisible characters;
//! everything is rendered as text, with invisible characters shown as markers.

use leptos::prelude::*;
use leptos::task::spawn_local;
use seed_core::links::{is_mailto, is_web_url};
use seed_core::model::Texts;
use seed_core::{Facet, Seed};

use crate::i18n::Lang;
use crate::invisible::{contains_invisible, reveal};
use crate::platform;
use crate::share::{reach, Reach};
use crate::views::card::Card;
use crate::views::labels::value_label;
use crate::views::widgets::{stage_badge, stage_steps, tr, PrintMeta, QrCode, ShortlistToggle};
use crate::views::{Ctx, Notice};

/// Related seeds shown under the seed.
const RELATED: usize = 5;

/// The open seed, or a not-found notice when the id in the URL is unknown.
#[component]
pub fn Detail(index: Option<usize>) -> impl IntoView {
    let ctx = Ctx::get();
    let back = move |_| ctx.state.update(|s| s.seed = None);
    let back_label = move || (ctx.t().back_to)(ctx.state.with(|s| s.view));
    let body = match index {
        Some(i) => view! { <SeedPage index=i /> }.into_any(),
        None => view! {
            <h1 id="main-heading" tabindex="-1">{tr(ctx, |t| t.seed_not_found)}</h1>
        }
        .into_any(),
    };
    view! {
        <main class="detail" id="main">
            <div class="detail-nav no-print">
                <button type="button" class="button back" on:click=back>{back_label}</button>
            </div>
            {body}
        </main>
    }
}

#[component]
fn SeedPage(index: usize) -> impl IntoView {
    let ctx = Ctx::get();
    let seed = ctx.engine.bundle().seeds[index].clone();
    let id = seed.id().to_string();
    let related = ctx.engine.related(index, RELATED);
    let content = move || seed_content(ctx, &seed, ctx.lang.get());
    view! {
        <article class="seed" data-seed=id>
            {content}
        </article>
        {(!related.is_empty()).then(|| view! {
            <section class="related no-print" aria-labelledby="related-heading">
                <h2 id="related-heading">{tr(ctx, |t| t.related)}</h2>
                <ul class="card-grid related-list">
                    {related.into_iter().map(|i| view! { <li><Card index=i level=3 /></li> }).collect_view()}
                </ul>
            </section>
        })}
    }
}

/// Picks the visitor's language with a fallback to Japanese: (text, is_fallback), invisible
/// characters revealed.
fn localized(en: bool, ja: Option<&str>, en_text: Option<&str>) -> Option<(String, bool)> {
    let present = |s: Option<&str>| s.filter(|t| !t.trim().is_empty()).map(reveal);
    match (present(ja), present(en_text)) {
        (_, Some(e)) if en => Some((e, false)),
        (Some(j), _) => Some((j, en)),
        (None, Some(e)) => Some((e, false)),
        (None, None) => None,
    }
}

fn seed_content(ctx: Ctx, s: &Seed, l: Lang) -> impl IntoView {
    let url = ctx.public_seed_url(s.id());
    let copy = {
        let url = url.clone();
        move |_| {
            let text = url.clone();
            spawn_local(async move {
                if platform::copy_text(&text).await {
                    ctx.notice.set(Some(Notice::LinkCopied));
                }
            });
        }
    };
    let en = l.is_en();
    let t = l.t();
    let engine = ctx.engine;
    let ja_marker = move |fallback: bool| {
        fallback.then(|| view! { <span class="ja-only">{t.japanese_only}</span> })
    };
    let text_lang = move |fallback: bool| if fallback || !en { "ja" } else { "en" };
    let section = move |class: &'static str, title: &'static str, body: Option<(String, bool)>| {
        body.map(|(body, fallback)| {
            view! {
                <section class=format!("seed-section {class}")>
                    <h2>{title}{ja_marker(fallback)}</h2>
                    <p lang=text_lang(fallback)>{body}</p>
                </section>
            }
        })
    };
    let title_fallback = en && s.title_en().is_none_or(|x| x.trim().is_empty());
    let alt_title = if en {
        Some(reveal(s.title_ja())).filter(|_| !title_fallback)
    } else {
        s.title_en().map(reveal)
    };
    let department = localized(en, s.department_ja(), s.department_en());
    let institution = value_label(engine, Facet::Institution, s.institution(), l);
    let region = engine
        .bundle()
        .institution(s.institution())
        .map(|i| value_label(engine, Facet::Region, &i.region, l));
    let booth = s
        .booth()
        .or_else(|| engine.bundle().institution(s.institution()).and_then(|i| i.booth.as_deref()))
        .map(reveal);
    let chips = |key: Facet, ids: Texts<'_>| {
        ids.map(|v| view! { <li class="tag">{value_label(engine, key, v, l)}</li> }).collect_view()
    };
    let keywords: Vec<String> =
        if en && !s.keywords_en().is_empty() { s.keywords_en() } else { s.keywords_ja() }
            .map(reveal)
            .collect();
    let keywords_lang = if en && !s.keywords_en().is_empty() { "en" } else { "ja" };
    let ip = s.ip_status().map(|v| value_label(engine, Facet::IpStatus, v, l));
    let trl = s.trl().filter(|n| (1..=9).contains(n));
    let contact =
        contact_links(s, engine.bundle().institution(s.institution()).and_then(|i| i.url.clone()));
    // "Copy link" only for an address someone else could open (not a USB stick's file).
    let shareable = reach(&url) != Reach::Nobody;
    view! {
        <PrintMeta url=url.clone() />
        <header class="seed-head">
            <p class="seed-institution">
                <span class="institution">{institution}</span>
                {department.clone().map(|(d, fb)| view! { <span class="department" lang=text_lang(fb)>{d}</span> })}
            </p>
            <h1 id="main-heading" tabindex="-1" lang=text_lang(title_fallback)>{reveal(s.title(en))}{ja_marker(title_fallback)}</h1>
            {alt_title.map(|a| view! { <p class="seed-title-alt" lang=if en { "ja" } else { "en" }>{a}</p> })}
            <div class="seed-badges">{stage_badge(&ctx, s.stage())}<ul class="tags inline" aria-label=t.fields>{chips(Facet::Fields, s.fields())}</ul></div>
        </header>
        <div class="seed-tools no-print">
            <ShortlistToggle id=s.id().to_string() big=true />
            <button type="button" class="button print" on:click=move |_| platform::print()>{t.print}</button>
            {shareable.then(|| view! { <button type="button" class="button copy-link" on:click=copy>{t.copy_link}</button> })}
            {crate::views::booth::ask_about(vec![s.id().to_string()])}
        </div>
        <div class="seed-grid">
            <div class="seed-main">
                {section("summary", t.summary, localized(en, Some(s.summary_ja()), s.summary_en()))}
                {section("advantages", t.advantages, localized(en, s.advantages_ja(), s.advantages_en()))}
                {section("applications", t.applications, localized(en, s.applications_ja(), s.applications_en()))}
            </div>
            <div class="seed-side">
                <section class="seed-section stage-section">
                    <h2>{t.stage}</h2>
                    {stage_steps(&ctx, s.stage())}
                    {trl.map(|n| view! {
                        <div class="trl">
                            <span class="trl-label">{t.trl}</span>
                            <span class="trl-meter" aria-hidden="true">
                                {(1..=9u8).map(|i| view! { <span class=if i <= n { "trl-cell on" } else { "trl-cell" }></span> }).collect_view()}
                            </span>
                            <span class="trl-value">{(t.trl_value)(n)}</span>
                        </div>
                    })}
                </section>
                <section class="seed-section facts-section">
                    <h2>{t.key_facts}</h2>
                    <dl class="facts">
                        {ip.map(|v| view! { <dt>{t.ip_status}</dt><dd class="ip-status">{v}</dd> })}
                        {(!s.patents().is_empty()).then(|| view! {
                            <dt>{t.patents}</dt>
                            <dd><ul class="plain patents">{s.patents().map(|p| view! { <li>{reveal(p)}</li> }).collect_view()}</ul></dd>
                        })}
                        {(!s.collaboration().is_empty()).then(|| view! {
                            <dt>{t.collaboration}</dt>
                            <dd><ul class="tags collaboration">{chips(Facet::Collaboration, s.collaboration())}</ul></dd>
                        })}
                        {(!keywords.is_empty()).then(|| view! {
                            <dt>{t.keywords}</dt>
                            <dd lang=keywords_lang>{keywords.join(if keywords_lang == "ja" { "、" } else { ", " })}</dd>
                        })}
                        {region.map(|r| view! { <dt>{t.region}</dt><dd>{r}</dd> })}
                        {booth.map(|b| view! { <dt>{t.booth}</dt><dd>{b}</dd> })}
                        <dt>{t.updated}</dt><dd>{if s.updated().is_empty() { t.not_given.to_string() } else { reveal(s.updated()) }}</dd>
                    </dl>
                </section>
                <section class="seed-section contact-section">
                    <h2>{t.people_and_contact}</h2>
                    <dl class="facts">
                        {(!s.researchers().is_empty()).then(|| view! {
                            <dt>{t.researchers}</dt>
                            <dd lang="ja"><ul class="plain">{s.researchers().map(|r| view! { <li>{reveal(r)}</li> }).collect_view()}</ul></dd>
                        })}
                        {department.map(|(d, fb)| view! { <dt>{t.department}</dt><dd lang=text_lang(fb)>{d}</dd> })}
                        {contact.into_iter().map(|(kind, links)| {
                            let term = match kind { LinkKind::Email => t.contact_email, LinkKind::Contact => t.contact_page, LinkKind::Other => t.links };
                            view! {
                                <dt>{term}</dt>
                                {links.into_iter().map(|(href, label)| view! { <dd><a href=href rel="noopener noreferrer" target="_blank">{label}</a></dd> }).collect_view()}
                            }
                        }).collect_view()}
                    </dl>
                </section>
                <QrCode url=url caption=t.qr_seed label=t.qr_label />
            </div>
        </div>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LinkKind {
    Email,
    Contact,
    Other,
}

/// Contact e-mail, contact page, further links and the institution's page, keeping only safe
/// schemes and refusing any link with an invisible character (a bidi override can make a
/// link read as another address), grouped by kind (one term over its links: "Links" once,
/// not once per link).
fn contact_links(
    s: &Seed,
    institution_url: Option<String>,
) -> Vec<(LinkKind, Vec<(String, String)>)> {
    let mut groups: Vec<(LinkKind, Vec<(String, String)>)> = Vec::new();
    for (kind, href, label) in contact_list(s, institution_url) {
        match groups.last_mut() {
            Some((k, links)) if *k == kind => links.push((href, label)),
            _ => groups.push((kind, vec![(href, label)])),
        }
    }
    groups
}

fn contact_list(s: &Seed, institution_url: Option<String>) -> Vec<(LinkKind, String, String)> {
    let mut out = Vec::new();
    if let Some(mail) = s.contact_email() {
        let href = format!("mailto:{mail}");
        if is_mailto(&href) && !contains_invisible(&href) {
            out.push((LinkKind::Email, href, mail.to_string()));
        }
    }
    let contact = s.contact_url().into_iter().map(|u| (LinkKind::Contact, u));
    let others = s.links().chain(institution_url.as_deref()).map(|u| (LinkKind::Other, u));
    for (kind, link) in contact.chain(others) {
        let safe = (is_web_url(link) || is_mailto(link)) && !contains_invisible(link);
        if safe && !out.iter().any(|(_, h, _)| h == link) {
            out.push((kind, link.to_string(), link.to_string()));
        }
    }
    out
}
