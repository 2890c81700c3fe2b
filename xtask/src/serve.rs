//! A small static file server for dist/ on 127.0.0.1, sending the strict Content-Security-Policy
//! the app must work under (scripts, styles and fetches from the site's own origin only, no
//! inline script or style, wasm allowed through `'wasm-unsafe-eval'`) and the right MIME type
//! for wasm.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::thread;

use anyhow::{anyhow, Result};
use tiny_http::{Header, Response, Server};

use crate::dist;

/// The policy every page is served with.
pub const CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; object-src 'none'; base-uri 'none'";

/// Builds dist/ and serves it until interrupted.
pub fn run(root: &Path, port: u16) -> Result<()> {
    let dist = dist::build(root)?;
    let server = Server::http(("127.0.0.1", port))
        .map_err(|e| anyhow!("cannot listen on port {port}: {e}"))?;
    println!("Seed Explorer is being served at http://127.0.0.1:{port}/  (Ctrl-C to stop)");
    serve_forever(&server, &dist);
    Ok(())
}

/// Serves `dir` on a free port in a background thread, with `fixtures` under `/fixtures/`
/// for the browser tests; returns the base URL.
pub fn spawn(dir: PathBuf, fixtures: PathBuf) -> Result<String> {
    let server = Server::http("127.0.0.1:0").map_err(|e| anyhow!("cannot listen: {e}"))?;
    let port = server.server_addr().to_ip().map(|a| a.port()).ok_or_else(|| anyhow!("no port"))?;
    thread::spawn(move || serve(&server, &dir, Some(&fixtures)));
    Ok(format!("http://127.0.0.1:{port}/"))
}

fn serve_forever(server: &Server, dir: &Path) {
    serve(server, dir, None);
}

fn serve(server: &Server, dir: &Path, fixtures: Option<&Path>) {
    for request in server.incoming_requests() {
        let url = request.url().split(['?', '#']).next().unwrap_or("/").to_string();
        let found = match (fixtures, url.strip_prefix("/fixtures/")) {
            (Some(f), Some(rest)) => resolve(f, rest),
            _ => resolve(dir, &url),
        };
        let response = match found.and_then(|p| fs::read(&p).ok().map(|b| (p, b))) {
            Some((path, body)) => Response::from_data(body)
                .with_header(header("Content-Type", mime(&path)))
                .with_header(header("Content-Security-Policy", CSP))
                .with_header(header("Cache-Control", "no-cache")),
            None => Response::from_string("not found").with_status_code(404),
        };
        let _ = request.respond(response);
    }
}

fn resolve(dir: &Path, url: &str) -> Option<PathBuf> {
    let rel = Path::new(url.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let path = dir.join(rel);
    let path = if path.is_dir() { path.join("index.html") } else { path };
    path.is_file().then_some(path)
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header")
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "webmanifest" => "application/json; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
