//! The seed page: every field laid out for a business-development reader, in the visitor's
//! language with a marked fallback to Japanese. Links are shown only when they are http(s) or
//! mailto, and all text is rendered as text.

use std::sync::Arc;

use leptos::prelude::*;
use seed_core::validate::{is_mailto, is_web_url};
use seed_core::{Engine, Seed};

use crate::i18n::Lang;
use crate::state::ViewState;
use crate::views::labels::value_label;

/// The open seed, or a not-found notice when the id in the URL is unknown.
#[component]
pub fn Detail(engine: Arc<Engine>, state: RwSignal<ViewState>, index: Option<usize>, lang: Memo<Lang>) -> impl IntoView {
    let back = move |_| state.update(|s| s.seed = None);
    let heading = NodeRef::<leptos::html::H1>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let body = move || {
        let l = lang.get();
        match index {
            Some(i) => seed_body(&engine, &engine.bundle().seeds[i], l, heading).into_any(),
            None => view! { <h1 tabindex="-1" node_ref=heading>{l.t().seed_not_found}</h1> }.into_any(),
        }
    };
    view! {
        <main class="detail" id="main">
            <button class="button back" on:click=back>{move || lang.get().t().back_to_results}</button>
            {body}
        </main>
    }
}

fn seed_body(engine: &Engine, s: &Seed, l: Lang, heading: NodeRef<leptos::html::H1>) -> impl IntoView {
    let en = l.is_en();
    let t = l.t();
    let text = |ja: &Option<String>, en_text: &Option<String>| -> Option<(String, bool)> {
        match (ja, en_text) {
            (_, Some(e)) if en => Some((e.clone(), false)),
            (Some(j), _) => Some((j.clone(), en)),
            (None, Some(e)) => Some((e.clone(), false)),
            (None, None) => None,
        }
    };
    let section = move |title: &'static str, body: Option<(String, bool)>| {
        body.map(|(body, fallback)| {
            view! {
                <section>
                    <h2>{title}{fallback.then(|| view! { <span class="ja-only">{t.japanese_only}</span> })}</h2>
                    <p lang=if fallback || !en { "ja" } else { "en" }>{body}</p>
                </section>
            }
        })
    };
    let summary = section(t.summary, text(&Some(s.summary_ja.clone()), &s.summary_en));
    let advantages = section(t.advantages, text(&s.advantages_ja, &s.advantages_en));
    let applications = section(t.applications, text(&s.applications_ja, &s.applications_en));
    let labels = |key: &str, ids: &[String]| ids.iter().map(|v| value_label(engine, key, v, l)).collect::<Vec<_>>().join(" / ");
    let facts: Vec<(&str, String)> = [
        (t.institution, value_label(engine, "institution", &s.institution, l)),
        (t.department, text(&s.department_ja, &s.department_en).map(|x| x.0).unwrap_or_default()),
        (t.researchers, s.researchers.join("、")),
        (t.stage, value_label(engine, "stage", &s.stage, l) + &s.trl.map(|n| format!(" (TRL {n})")).unwrap_or_default()),
        (t.fields, labels("fields", &s.fields)),
        (t.ip_status, s.ip_status.as_deref().map(|v| value_label(engine, "ip_status", v, l)).unwrap_or_default()),
        (t.patents, s.patents.join(", ")),
        (t.collaboration, labels("collaboration", &s.collaboration)),
        (t.keywords, if en && !s.keywords_en.is_empty() { s.keywords_en.join(", ") } else { s.keywords_ja.join("、") }),
        (t.booth, s.booth.clone().unwrap_or_default()),
        (t.updated, s.updated.clone()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    let contact = contact_links(s);
    view! {
        <article class="seed">
            <h1 tabindex="-1" node_ref=heading>{s.title(en).to_string()}</h1>
            {(en && s.title_en.is_none()).then(|| view! { <p class="ja-only">{t.japanese_only}</p> })}
            <dl class="facts">
                {facts.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
            </dl>
            {summary}
            {advantages}
            {applications}
            {(!contact.is_empty()).then(|| view! {
                <section>
                    <h2>{t.contact}</h2>
                    <ul class="links">
                        {contact.into_iter().map(|(href, label)| view! { <li><a href=href rel="noopener noreferrer" target="_blank">{label}</a></li> }).collect_view()}
                    </ul>
                </section>
            })}
        </article>
    }
}

/// Contact e-mail, contact page and further links, keeping only safe schemes.
fn contact_links(s: &Seed) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(mail) = &s.contact_email {
        let href = format!("mailto:{mail}");
        if is_mailto(&href) {
            out.push((href, mail.clone()));
        }
    }
    for link in s.contact_url.iter().chain(&s.links) {
        if is_web_url(link) || is_mailto(link) {
            out.push((link.clone(), link.clone()));
        }
    }
    out
}
