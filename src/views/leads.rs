//! 「この技術について問い合わせる / Ask about these seeds」: the button on a seed page and on the
//! shortlist, the enquiry form (a modal dialog, every field labelled, every error tied to its
//! field with `aria-describedby`), and the thank-you screen with the visitor's shortlist QR.
//! The rules are in [`crate::leads`], encryption and storage in [`crate::leads_store`]; the
//! form's text lives only in this dialog's signals, so closing it or the kiosk's idle reset
//! (which rebuilds the explorer) leaves nothing of it on the page.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::i18n::Strings;
use crate::leads::{self, Field, FollowUp, LeadForm, Problem};
use crate::leads_store::{self, StoreError};
use crate::platform;
use crate::share;
use crate::views::widgets::{tr, QrCode};
use crate::views::Ctx;

/// The button and, once pressed, the form for `seeds` (pre-selected; the rest of the
/// shortlist is listed too). Nothing when leads are not offered here.
#[component]
pub fn AskAboutSeeds(#[prop(into)] seeds: Signal<Vec<String>>) -> impl IntoView {
    let ctx = Ctx::get();
    let config = &ctx.config.leads;
    let Some(key) = config.public_key.clone().filter(|_| config.offered(ctx.mode.lead_place()))
    else {
        return ().into_any();
    };
    // A key WebCrypto refuses means no form (the staff screen says why).
    let usable = RwSignal::new(true);
    spawn_local(async move {
        if leads_store::recipient(&key).await.is_err() {
            let _ = usable.try_set(false);
        }
    });
    let open = RwSignal::new(false);
    let button = NodeRef::<html::Button>::new();
    let close = move || {
        open.set(false);
        platform::on_next_frame(move || {
            // The page may have moved on (another seed) before this frame: then nothing to do.
            if let Some(b) = button.try_get_untracked().flatten() {
                let _ = b.focus();
            }
        });
    };
    view! {
        <Show when=move || usable.get()>
            <button type="button" class="button lead-ask" node_ref=button
                aria-haspopup="dialog" on:click=move |_| open.set(true)>
                {tr(ctx, |t| t.lead_ask)}
            </button>
        </Show>
        <Show when=move || open.get()>
            <LeadDialog page=seeds.get_untracked() close=close />
        </Show>
    }
    .into_any()
}

/// Where the form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Editing,
    Sending,
    /// Stored: the thank-you screen.
    Sent,
    /// The storage is full: the lead was not taken.
    Full,
    /// Another failure: the lead was not taken.
    Failed,
}

#[component]
fn LeadDialog(page: Vec<String>, close: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let ctx = Ctx::get();
    let shortlist = ctx.shortlist.with_untracked(|l| l.ids().to_vec());
    let candidates = leads::candidates(&page, &shortlist);
    let form = RwSignal::new(LeadForm { seeds: page.clone(), ..LeadForm::default() });
    let attempted = RwSignal::new(false);
    let problems =
        Memo::new(
            move |_| {
                if attempted.get() {
                    form.with(LeadForm::problems)
                } else {
                    Vec::new()
                }
            },
        );
    let status = RwSignal::new(Status::Editing);
    let form_ref = NodeRef::<html::Form>::new();
    let full_before = platform::storage_get(leads::FULL_FLAG_KEY).ok().flatten().is_some();
    // The seeds the thank-you QR code reopens: the visitor's shortlist, else what they asked about.
    let qr_seeds = StoredValue::new(Vec::<String>::new());

    let submit = move |e: ev::SubmitEvent| {
        e.prevent_default();
        if status.get_untracked() == Status::Sending {
            return;
        }
        attempted.set(true);
        let f = form.get_untracked();
        if let Some((field, _)) = f.problems().first() {
            focus_field(*field);
            return;
        }
        let lang = ctx.lang.get_untracked();
        let t = lang.t();
        let leads_config = &ctx.config.leads;
        let exhibitor = exhibitor_name(ctx, lang.is_en());
        let notice = (t.lead_privacy_notice)(&exhibitor, leads_config.privacy_contact.as_deref());
        let id = leads_store::new_id();
        let Some(lead) = f.lead(&id, &leads_store::now_iso(), lang.code(), &notice) else { return };
        let Ok(json) = serde_json::to_vec(&lead) else { return };
        let key = leads_config.public_key.clone().unwrap_or_default();
        let asked = lead.seeds.clone();
        status.set(Status::Sending);
        spawn_local(async move {
            let saved = async {
                let to = leads_store::recipient(&key).await?;
                let envelope = leads_store::seal(&to, &id, &json).await?;
                leads_store::save(&id, &envelope, &asked).await
            }
            .await;
            let next = match saved {
                Ok(()) => {
                    // (The kiosk may have reset while the lead was being stored.)
                    let list =
                        ctx.shortlist.try_with_untracked(|l| l.ids().to_vec()).unwrap_or_default();
                    let _ = qr_seeds
                        .try_update_value(|v| *v = if list.is_empty() { asked } else { list });
                    if full_before {
                        let _ = web_sys::window()
                            .and_then(|w| w.local_storage().ok().flatten())
                            .map(|s| s.remove_item(leads::FULL_FLAG_KEY));
                    }
                    spawn_local(async {
                        let _ = leads_store::persist().await;
                    });
                    Status::Sent
                }
                Err(StoreError::Full) => {
                    let _ = platform::storage_set(leads::FULL_FLAG_KEY, &leads_store::now_iso());
                    Status::Full
                }
                Err(StoreError::Failed(why)) => {
                    platform::warn(&format!("leads: the enquiry was not stored: {why}"));
                    Status::Failed
                }
            };
            // The visitor's text goes, from the signals and the page, once it is stored.
            if next == Status::Sent {
                let _ = form.try_set(LeadForm::default());
                if let Some(f) = form_ref.try_get_untracked().flatten() {
                    f.reset();
                }
            }
            let _ = status.try_set(next);
            if next == Status::Sent {
                platform::on_next_frame(|| {
                    if let Some(h) = document().get_element_by_id("lead-thanks-heading") {
                        let _ = h.unchecked_into::<web_sys::HtmlElement>().focus();
                    }
                });
            }
        });
    };
    // Escape closes the dialog wherever the focus is (unless a lead is being stored).
    let escape = window_event_listener(ev::keydown, move |e| {
        if e.key() == "Escape" && status.try_get_untracked().is_some_and(|s| s != Status::Sending) {
            close();
        }
    });
    on_cleanup(move || escape.remove());
    platform::on_next_frame(|| focus_field(Field::Name));

    let field = move |field: Field,
                      label: fn(&Strings) -> &'static str,
                      kind: &'static str,
                      optional: bool,
                      set: fn(&mut LeadForm, String)| {
        text_field(ctx, problems, field, label, kind, optional, move |v| form.update(|f| set(f, v)))
    };
    let seeds_list = candidates
        .into_iter()
        .enumerate()
        .map(|(i, id)| {
            let title = ctx
                .engine
                .bundle()
                .seed_index(&id)
                .map(|s| ctx.engine.bundle().seeds[s].title(ctx.lang.get_untracked().is_en()).to_string())
                .unwrap_or_else(|| id.clone());
            let checked = page.contains(&id);
            let input_id = format!("lead-seed-{i}");
            let toggle = {
                let id = id.clone();
                move |e: ev::Event| {
                    let on = event_target_checked(&e);
                    form.update(|f| {
                        f.seeds.retain(|s| *s != id);
                        if on {
                            f.seeds.push(id.clone());
                        }
                    })
                }
            };
            view! {
                <li class="lead-choice">
                    <input type="checkbox" id=input_id.clone() value=id.clone() checked=checked on:change=toggle
                        aria-describedby="lead-seeds-error" />
                    <label for=input_id>{title}</label>
                </li>
            }
        })
        .collect_view();
    let follow = move |value: FollowUp, id: &'static str, label: fn(&Strings) -> &'static str| {
        view! {
            <div class="lead-choice">
                <input type="radio" name="lead-follow-up" id=id
                    aria-describedby="lead-follow-up-error"
                    on:change=move |_| form.update(|f| f.follow_up = Some(value)) />
                <label for=id>{tr(ctx, label)}</label>
            </div>
        }
    };
    let notice = move || {
        let l = ctx.lang.get();
        (l.t().lead_privacy_notice)(
            &exhibitor_name(ctx, l.is_en()),
            ctx.config.leads.privacy_contact.as_deref(),
        )
    };
    let intro = move || (ctx.t().lead_intro)(&exhibitor_name(ctx, ctx.lang.get().is_en()));
    let summary = move || {
        let n = problems.with(Vec::len);
        (n > 0).then(|| (ctx.t().lead_problems)(n))
    };
    let editing = move || !matches!(status.get(), Status::Sent);
    let qr_url = move || {
        let base = share::base(ctx.config.public_base_url.as_deref(), &platform::location_href());
        share::shortlist_url(
            &base,
            &qr_seeds.get_value(),
            ctx.state.with_untracked(|s| s.lang),
            &share::shared_params(ctx.params),
        )
    };
    view! {
        <div class="lead-backdrop">
            <div class="lead-dialog" role="dialog" aria-modal="true"
                aria-labelledby=move || if editing() { "lead-heading" } else { "lead-thanks-heading" }>
                {move || (!editing()).then(|| view! {
                    <div class="lead-thanks" role="status">
                        <h2 id="lead-thanks-heading" tabindex="-1">{tr(ctx, |t| t.lead_thanks_heading)}</h2>
                        <p>{move || (ctx.t().lead_thanks_text)(&exhibitor_name(ctx, ctx.lang.get().is_en()))}</p>
                        <QrCode url=qr_url() caption=ctx.t().lead_thanks_qr label=ctx.t().qr_label />
                        <button type="button" class="button primary lead-done" on:click=move |_| close()>{tr(ctx, |t| t.lead_done)}</button>
                    </div>
                })}
                <form class="lead-form" novalidate autocomplete="off" on:submit=submit node_ref=form_ref
                    hidden=move || !editing()>
                    <h2 id="lead-heading">{tr(ctx, |t| t.lead_heading)}</h2>
                    <p class="lead-intro">{intro}</p>
                    <div class="lead-alert" role="alert">
                        {move || match status.get() {
                            Status::Full => Some(ctx.t().lead_full.to_string()),
                            Status::Failed => Some(ctx.t().lead_failed.to_string()),
                            _ if full_before => Some(ctx.t().lead_full.to_string()),
                            _ => summary(),
                        }.map(|m| view! { <p class="lead-status">{m}</p> })}
                    </div>
                    {field(Field::Name, |t| t.lead_name, "text", false, |f, v| f.name = v)}
                    {field(Field::Organisation, |t| t.lead_organisation, "text", false, |f, v| f.organisation = v)}
                    {field(Field::Title, |t| t.lead_title, "text", true, |f, v| f.title = v)}
                    {field(Field::Email, |t| t.lead_email, "email", false, |f, v| f.email = v)}
                    {field(Field::Phone, |t| t.lead_phone, "tel", true, |f, v| f.phone = v)}
                    <fieldset class="lead-field lead-seeds" id="lead-seeds" tabindex="-1"
                        aria-describedby="lead-seeds-error" aria-invalid=invalid(problems, Field::Seeds)>
                        <legend>{tr(ctx, |t| t.lead_seeds)}</legend>
                        <ul class="lead-choices">{seeds_list}</ul>
                        {error_text(ctx, problems, Field::Seeds)}
                    </fieldset>
                    {field(Field::Message, |t| t.lead_message, "textarea", true, |f, v| f.message = v)}
                    <fieldset class="lead-field lead-follow" id="lead-follow-up" tabindex="-1"
                        aria-describedby="lead-follow-up-error" aria-invalid=invalid(problems, Field::FollowUp)>
                        <legend>{tr(ctx, |t| t.lead_follow_up)}</legend>
                        {follow(FollowUp::Booth, "lead-follow-booth", |t| t.lead_follow_booth)}
                        {follow(FollowUp::Email, "lead-follow-email", |t| t.lead_follow_email)}
                        {error_text(ctx, problems, Field::FollowUp)}
                    </fieldset>
                    <section class="lead-privacy" id="lead-privacy" aria-labelledby="lead-privacy-heading">
                        <h3 id="lead-privacy-heading">{tr(ctx, |t| t.lead_privacy_heading)}</h3>
                        <p>{notice}</p>
                    </section>
                    <div class="lead-field lead-consent-field">
                        <div class="lead-choice">
                            <input type="checkbox" id="lead-consent" required
                                aria-describedby="lead-privacy lead-consent-error"
                                aria-invalid=invalid(problems, Field::Consent)
                                on:change=move |e| { let on = event_target_checked(&e); form.update(|f| f.consent = on) } />
                            <label for="lead-consent">{tr(ctx, |t| t.lead_consent)}</label>
                        </div>
                        {error_text(ctx, problems, Field::Consent)}
                    </div>
                    <div class="lead-actions">
                        <button type="submit" class="button primary lead-send"
                            disabled=move || status.get() == Status::Sending>
                            {move || if status.get() == Status::Sending { ctx.t().lead_sending } else { ctx.t().lead_send }}
                        </button>
                        <button type="button" class="button lead-cancel" on:click=move |_| close()
                            disabled=move || status.get() == Status::Sending>
                            {tr(ctx, |t| t.lead_cancel)}
                        </button>
                    </div>
                </form>
            </div>
        </div>
    }
}

/// The exhibitor's name from config.json, else the site's title.
fn exhibitor_name(ctx: Ctx, en: bool) -> String {
    let l = if en { crate::i18n::Lang::En } else { crate::i18n::Lang::Ja };
    let site = ctx.config.site_title(l).unwrap_or(l.t().site_title);
    ctx.config.leads.exhibitor(en, site).to_string()
}

fn problem_of(problems: Memo<Vec<(Field, Problem)>>, field: Field) -> Option<Problem> {
    problems.with(|p| p.iter().find(|(f, _)| *f == field).map(|(_, p)| *p))
}

fn invalid(
    problems: Memo<Vec<(Field, Problem)>>,
    field: Field,
) -> impl Fn() -> Option<&'static str> {
    move || problem_of(problems, field).map(|_| "true")
}

/// The message for a problem.
fn problem_text(t: &'static Strings, p: Problem) -> String {
    match p {
        Problem::Required => t.lead_required.into(),
        Problem::Email => t.lead_bad_email.into(),
        Problem::Phone => t.lead_bad_phone.into(),
        Problem::TooLong(n) => (t.lead_too_long)(n),
        Problem::NoSeed => t.lead_no_seed.into(),
        Problem::NoFollowUp => t.lead_no_follow_up.into(),
        Problem::NoConsent => t.lead_no_consent.into(),
    }
}

/// The error line under a field (`<id>-error`, which the field's `aria-describedby` names).
fn error_text(ctx: Ctx, problems: Memo<Vec<(Field, Problem)>>, field: Field) -> impl IntoView {
    view! {
        <p class="lead-error" id=format!("{}-error", field.id())>
            {move || problem_of(problems, field).map(|p| problem_text(ctx.t(), p))}
        </p>
    }
}

/// A labelled text input (or a textarea for `kind == "textarea"`) with its error line.
/// Nothing is remembered by the browser (`autocomplete="off"`): the next visitor must not be
/// offered this one's entries.
fn text_field(
    ctx: Ctx,
    problems: Memo<Vec<(Field, Problem)>>,
    field: Field,
    label: fn(&Strings) -> &'static str,
    kind: &'static str,
    optional: bool,
    set: impl Fn(String) + Copy + 'static,
) -> impl IntoView {
    let id = field.id();
    let described = format!("{id}-error");
    let on_input = move |e: ev::Event| set(event_target_value(&e));
    let control = if kind == "textarea" {
        view! {
            <textarea id=id rows="4" aria-describedby=described aria-invalid=invalid(problems, field)
                on:input=on_input></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id type=kind autocomplete="off" spellcheck="false" required=!optional
                aria-describedby=described aria-invalid=invalid(problems, field) on:input=on_input />
        }
        .into_any()
    };
    view! {
        <div class="lead-field">
            <label for=id>
                {tr(ctx, label)}
                {optional.then(|| view! { <span class="lead-optional">{tr(ctx, |t| t.lead_optional)}</span> })}
            </label>
            {control}
            {error_text(ctx, problems, field)}
        </div>
    }
}

/// Moves focus to a field (a group's first control, or the group itself).
fn focus_field(field: Field) {
    let doc = document();
    let target = match field {
        Field::Seeds | Field::FollowUp => doc
            .query_selector(&format!("#{} input", field.id()))
            .ok()
            .flatten()
            .or_else(|| doc.get_element_by_id(field.id())),
        _ => doc.get_element_by_id(field.id()),
    };
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}
