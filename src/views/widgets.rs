//! Small pieces several views use: in-app links, highlighted text, the shortlist toggle, the
//! stage badge and step indicator, and the QR code.

use leptos::ev;
use leptos::prelude::*;
use seed_core::Facet;

use crate::dom::{keep_until_unmount, Listener};
use crate::highlight::Segment;
use crate::i18n::{Lang, Strings};
use crate::invisible::reveal;
use crate::qr::Qr;
use crate::share::{reach, Reach};
use crate::state::ViewState;
use crate::views::labels::{facet_label, value_label};
use crate::views::{Ctx, Notice};

/// A click handler for a real link (`href` kept for new tabs) that navigates inside the app
/// on a plain click.
pub fn nav(
    ctx: &Ctx,
    next: impl Fn() -> ViewState + Clone + 'static,
) -> impl Fn(ev::MouseEvent) + Clone + 'static {
    let state = ctx.state;
    move |e: ev::MouseEvent| {
        if e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() || e.button() != 0 {
            return;
        }
        e.prevent_default();
        state.set(next());
    }
}

/// A real link to seed `id` from the current view, the rest of the view state kept: its
/// `href` (reactive, for new tabs and copied links) and the click handler ([`nav`]) that opens
/// the seed inside the app.
pub fn seed_link(
    ctx: &Ctx,
    id: &str,
) -> (impl Fn() -> String + Clone + Send + 'static, impl Fn(ev::MouseEvent) + Clone + 'static) {
    let ctx = *ctx;
    let href = {
        let id = id.to_string();
        move || ctx.state.with(|s| ctx.href(&s.seed_page(&id)))
    };
    let id = id.to_string();
    let open = nav(&ctx, move || ViewState { seed: Some(id.clone()), ..ctx.state.get_untracked() });
    (href, open)
}

/// A reactive UI string from the string table. Every call returns the same closure type, so
/// the rendering code for reactive text is compiled once, not once per string (wasm size).
pub fn tr(
    ctx: Ctx,
    f: fn(&'static Strings) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || f(ctx.t())
}

/// Text with matches wrapped in `<mark>`; every piece is a text node.
pub fn highlighted(segments: Vec<Segment>) -> impl IntoView {
    segments
        .into_iter()
        .map(
            |(text, hit)| {
                if hit {
                    view! { <mark>{text}</mark> }.into_any()
                } else {
                    text.into_any()
                }
            },
        )
        .collect_view()
}

/// Saves or unsaves a seed; `aria-pressed` says which. `label_for` names the seed for screen
/// readers when several buttons are on one page.
#[component]
pub fn ShortlistToggle(
    id: String,
    #[prop(optional)] label_for: Option<String>,
    #[prop(optional)] big: bool,
) -> impl IntoView {
    let ctx = Ctx::get();
    let shortlist = ctx.shortlist;
    let saved = {
        let id = id.clone();
        Memo::new(move |_| shortlist.with(|s| s.contains(&id)))
    };
    let toggle = move |_| {
        let mut full = false;
        shortlist.update(|s| full = !s.toggle(&id) && !s.contains(&id) && s.is_full());
        if full {
            ctx.notice.set(Some(Notice::ShortlistFull));
        }
    };
    let class = if big { "button shortlist-toggle big" } else { "button shortlist-toggle" };
    view! {
        <button type="button" class=class aria-pressed=move || if saved.get() { "true" } else { "false" } on:click=toggle>
            <span class="star" aria-hidden="true">{move || if saved.get() { "★" } else { "☆" }}</span>
            <span class="toggle-text">{move || { let t = ctx.t(); if saved.get() { t.shortlist_saved } else { t.shortlist_add } }}</span>
            {label_for.map(|l| view! { <span class="visually-hidden">{format!(": {}", reveal(&l))}</span> })}
        </button>
    }
}

/// The coloured stage badge.
pub fn stage_badge(ctx: &Ctx, stage: &str) -> impl IntoView {
    let label = value_label(ctx.engine, Facet::Stage, stage, ctx.lang.get());
    view! { <span class=format!("stage stage-{}", css_ident(stage))>{label}</span> }
}

/// The development stage as steps from basic research to practical use, the current one
/// marked (`aria-current="step"`).
pub fn stage_steps(ctx: &Ctx, stage: &str) -> impl IntoView {
    let l = ctx.lang.get();
    let domain: Vec<String> =
        ctx.engine.engine().facet_domain(Facet::Stage).into_iter().map(String::from).collect();
    let at = domain.iter().position(|s| s == stage);
    let steps = domain
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let class = match at {
                Some(a) if i < a => "step done",
                Some(a) if i == a => "step current",
                _ => "step",
            };
            let current = (Some(i) == at).then_some("step");
            view! {
                <li class=class aria-current=current>
                    <span class="step-dot" aria-hidden="true"></span>
                    <span class="step-label">{value_label(ctx.engine, Facet::Stage, s, l)}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="steps" aria-label=l.t().stage>{steps}</ol> }
}

/// A QR code of `url` drawn as one SVG path, with the URL as text beside it (readable, and
/// what tests compare against). Nothing is drawn for a link no phone could open (`file://`);
/// on a kiosk, a link only the kiosk itself could open (no `public_base_url`) shows a
/// warning for the staff instead of a code that leads nowhere.
#[component]
pub fn QrCode(url: String, caption: &'static str, label: &'static str) -> impl IntoView {
    let ctx = Ctx::get();
    match reach(&url) {
        Reach::Nobody => return ().into_any(),
        Reach::Local if ctx.mode.is_kiosk() => {
            return view! { <p class="qr-unset" role="note">{tr(ctx, |t| t.qr_unset)}</p> }
                .into_any()
        }
        _ => {}
    }
    let Some(qr) = Qr::encode(&url) else {
        return ().into_any();
    };
    let side = (qr.width + 2 * crate::qr::QUIET).to_string();
    let origin = format!("-{}", crate::qr::QUIET);
    let view_box = qr.view_box();
    let data_url = url.clone();
    view! {
        <figure class="qr" data-url=data_url>
            <svg class="qr-code" viewBox=view_box role="img" aria-label=label shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
                <rect x=origin.clone() y=origin width=side.clone() height=side fill="#fff"></rect>
                <path d=qr.path fill="#000"></path>
            </svg>
            <figcaption>
                <span class="qr-caption">{caption}</span>
                <span class="qr-url">{url}</span>
            </figcaption>
        </figure>
    }
    .into_any()
}

/// What a printout needs to be found again — the site's title, the day it was printed and
/// the public address of what is printed (left out where no one else could open it, as from
/// a USB stick) — as the printed page's header. Shown only in print.
#[component]
pub fn PrintMeta(url: String) -> impl IntoView {
    let ctx = Ctx::get();
    let date = RwSignal::new(crate::platform::today());
    // The day of printing, should the page have stayed open since another day.
    if let Some(window) = web_sys::window() {
        let on_print = move |_| date.set(crate::platform::today());
        keep_until_unmount(Listener::new(&window.into(), "beforeprint", false, true, on_print));
    }
    let site = move || {
        let l = ctx.lang.get();
        ctx.config.site_title(l).unwrap_or(l.t().site_title).to_string()
    };
    let url = (reach(&url) != Reach::Nobody).then_some(url);
    view! {
        <div class="print-meta">
            <span class="print-site">{site}</span>
            <span class="print-date">{move || (ctx.t().printed_on)(&date.get())}</span>
            {url.map(|u| view! { <span class="print-url">{u}</span> })}
        </div>
    }
}

/// The part of the catalogue an embedding page fixed (its locked facets) as a plain label —
/// not a filter the visitor can remove or that counts as theirs. Nothing outside a scope.
#[component]
pub fn ScopeLabel() -> impl IntoView {
    let ctx = Ctx::get();
    let locked = ctx.mode.locked_filters();
    if locked.is_empty() {
        return ().into_any();
    }
    let text = move || {
        let l = ctx.lang.get();
        let parts: Vec<String> = locked
            .0
            .iter()
            .map(|(key, values)| {
                let names: Vec<String> =
                    values.iter().map(|v| value_label(ctx.engine, *key, v, l)).collect();
                let names = names.join(l.t().list_separator);
                if *key == Facet::Institution {
                    names
                } else {
                    format!("{}: {names}", facet_label(ctx.engine, *key, l))
                }
            })
            .collect();
        (l.t().scope_of)(&parts.join(" · "))
    };
    view! { <p class="scope-label">{text}</p> }.into_any()
}

/// A string in Japanese and in English at once (kiosk screens), each marked with its language.
pub fn bilingual(pick: fn(&'static Strings) -> &'static str) -> impl IntoView {
    view! {
        <span lang="ja" class="kiosk-ja">{pick(Lang::Ja.t())}</span>
        <span lang="en" class="kiosk-en">{pick(Lang::En.t())}</span>
    }
}

/// A vocabulary id made safe for a class name.
pub fn css_ident(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect()
}
