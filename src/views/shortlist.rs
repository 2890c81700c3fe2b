//! The shortlist view: the visitor's saved seeds (or a list opened from a shared link, with an
//! offer to save it), print-all, and a QR code of a link that reopens the same list on a phone
//! (no QR block where no phone could open the link, as from a USB stick). Inside an embed's
//! scope only the seeds in scope are listed, counted, shared or cleared; the others stay
//! saved for the rest of the site.

use leptos::prelude::*;
use seed_core::Facet;

use crate::invisible::reveal;
use crate::platform;
use crate::share;
use crate::shortlist::Shortlist;
use crate::state::ViewState;
use crate::view::View;
use crate::views::labels::value_label;
use crate::views::widgets::{nav, seed_link, stage_badge, tr, PrintMeta, QrCode, ShortlistToggle};
use crate::views::{Ctx, Notice};

/// The shortlist page.
#[component]
pub fn ShortlistView() -> impl IntoView {
    let ctx = Ctx::get();
    let shared = Memo::new(move |_| ctx.state.with(|s| (!s.ids.is_empty()).then(|| s.ids.clone())));
    let ids = Memo::new(move |_| {
        shared.get().unwrap_or_else(|| ctx.shortlist.with(|l| l.ids().to_vec()))
    });
    let known = {
        let engine = ctx.engine;
        Memo::new(move |_| {
            ids.with(|ids| ids.iter().filter_map(|id| engine.seed_index(id)).collect::<Vec<_>>())
        })
    };
    // Saved seeds the catalogue no longer has (seeds outside the scope are not missing).
    let missing = Memo::new(move |_| {
        ids.with(|ids| ids.iter().filter(|id| ctx.engine.bundle().seed_index(id).is_none()).count())
    });
    // A seed removed from the list takes its focused button with it: keep the keyboard user
    // on the page by moving focus to the heading.
    Effect::new(move |before: Option<usize>| {
        let now = known.with(Vec::len);
        let lost = document().active_element().is_none_or(|e| e.tag_name() == "BODY");
        if before.is_some_and(|b| now < b) && lost {
            crate::platform::on_next_frame(crate::dom::focus_heading);
        }
        now
    });
    let url = {
        move || -> String {
            let base =
                share::base(ctx.config.public_base_url.as_deref(), &platform::location_href());
            let ids: Vec<String> = known.with(|k| {
                k.iter().map(|i| ctx.engine.bundle().seeds[*i].id().to_string()).collect()
            });
            share::shortlist_url(
                &base,
                &ids,
                ctx.state.with(|s| s.lang),
                &share::shared_params(ctx.params),
            )
        }
    };
    let save_shared = move |_| {
        // Only the shared seeds in scope.
        let ids: Vec<String> = known
            .get_untracked()
            .iter()
            .map(|i| ctx.engine.bundle().seeds[*i].id().to_string())
            .collect();
        let (mut added, mut full) = (0, false);
        ctx.shortlist.update(|l| {
            added = l.merge(&ids);
            full = l.is_full() && ids.iter().any(|id| !l.contains(id));
        });
        ctx.notice.set(Some(if full { Notice::ShortlistFull } else { Notice::SavedShared(added) }));
    };
    let own = move || {
        ctx.state
            .with(|s| ViewState { ids: Vec::new(), seed: None, ..s.clone() }.go(View::Shortlist))
    };
    // Clears what this list shows: seeds outside the scope stay saved.
    let clear = move |_| {
        let engine = ctx.engine;
        ctx.shortlist.update(|l| {
            *l = Shortlist::from_ids(
                l.ids().iter().filter(|id| engine.seed_index(id).is_none()).cloned(),
            )
        })
    };
    let drop_missing = move |_| {
        let engine = ctx.engine;
        ctx.shortlist.update(|l| {
            *l = Shortlist::from_ids(
                l.ids().iter().filter(|id| engine.bundle().seed_index(id).is_some()).cloned(),
            )
        })
    };
    view! {
        <main class="shortlist-view" id="main">
            {move || known.with(|k| !k.is_empty()).then(|| view! { <PrintMeta url=url() /> })}
            <h1 id="main-heading" tabindex="-1">
                {move || if shared.with(Option::is_some) { ctx.t().shared_heading } else { ctx.t().shortlist_heading }}
            </h1>
            <p class="shortlist-count">{move || {
                let n = known.with(Vec::len);
                if shared.with(Option::is_some) { (ctx.t().shared_intro)(n) } else { (ctx.t().shortlist_count)(n) }
            }}</p>
            <Show when=move || { missing.get() > 0 }>
                <p class="notice missing">
                    {move || (ctx.t().missing_seeds)(missing.get())}
                    {move || shared.with(Option::is_none).then(|| view! {
                        <button type="button" class="link-button" on:click=drop_missing>{ctx.t().remove}</button>
                    })}
                </p>
            </Show>
            <div class="toolbar no-print">
                {move || shared.with(Option::is_some).then(|| {
                    let href = ctx.href(&own());
                    view! {
                        <button type="button" class="button primary save-shared" on:click=save_shared>{ctx.t().save_shared}</button>
                        <a class="button show-own" href=href on:click=nav(&ctx, own)>{ctx.t().show_my_list}</a>
                    }
                })}
                <Show when=move || known.with(|k| !k.is_empty())>
                    <button type="button" class="button print-all" on:click=move |_| platform::print()>{tr(ctx, |t| t.print_all)}</button>
                    <Show when=move || shared.with(Option::is_none)>
                        <button type="button" class="button clear-shortlist" on:click=clear>{tr(ctx, |t| t.clear_shortlist)}</button>
                    </Show>
                    {crate::views::booth::ask_about(Signal::derive(move || {
                        known.with(|k| k.iter().map(|i| ctx.engine.bundle().seeds[*i].id().to_string()).collect::<Vec<_>>())
                    }))}
                </Show>
            </div>
            <Show when=move || known.with(Vec::is_empty)>
                <div class="empty">
                    <p class="empty-title">{tr(ctx, |t| t.shortlist_empty)}</p>
                    <p>{tr(ctx, |t| t.shortlist_empty_hint)}</p>
                </div>
            </Show>
            <div class="shortlist-layout">
                <ol class="shortlist-items">
                    <For each=move || known.get() key=|i| *i let:index>
                        <li><Item index=index /></li>
                    </For>
                </ol>
                {move || {
                    let url = url();
                    (known.with(|k| !k.is_empty()) && share::reach(&url) != share::Reach::Nobody).then(|| view! {
                        <div class="shortlist-qr"><QrCode url=url caption=ctx.t().qr_shortlist label=ctx.t().qr_label /></div>
                    })
                }}
            </div>
        </main>
    }
}

/// One saved seed: enough to act on when printed (title, institution, stage, TRL, IP,
/// summary, contact).
#[component]
fn Item(index: usize) -> impl IntoView {
    let ctx = Ctx::get();
    let seed = ctx.engine.bundle().seeds[index].clone();
    let id = seed.id().to_string();
    let (href, open) = seed_link(&ctx, &id);
    let body = {
        let seed = seed.clone();
        move || {
            let l = ctx.lang.get();
            let (t, en) = (l.t(), l.is_en());
            let ja_only = en && seed.title_en().is_none();
            let ip = seed.ip_status().map(|v| value_label(ctx.engine, Facet::IpStatus, v, l));
            view! {
                <h2 class="item-title" lang=if en && !ja_only { "en" } else { "ja" }>
                    <a href=href.clone() on:click=open.clone()>{reveal(seed.title(en))}</a>
                    {ja_only.then(|| view! { <span class="ja-only" lang=l.code()>{t.japanese_only}</span> })}
                </h2>
                <p class="card-meta">
                    <span class="institution">{value_label(ctx.engine, Facet::Institution, seed.institution(), l)}</span>
                    {stage_badge(&ctx, seed.stage())}
                    {seed.trl().map(|n| view! { <span class="meta-item">{(t.trl_value)(n)}</span> })}
                    {ip.map(|v| view! { <span class="meta-item">{v}</span> })}
                </p>
                <p class="item-summary" lang=if en && seed.summary_en().is_some() { "en" } else { "ja" }>{seed.summary(en).to_string()}</p>
                {seed.contact_email().map(str::to_string).map(|m| view! { <p class="item-contact">{t.contact}": "{m}</p> })}
            }
        }
    };
    view! {
        <article class="shortlist-item" data-seed=id.clone()>
            {body}
            <div class="item-actions no-print">
                <ShortlistToggle id=id.clone() label_for=seed.title_ja().to_string() />
            </div>
        </article>
    }
}
