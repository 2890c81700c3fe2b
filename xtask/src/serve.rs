//! A small static file server for dist/ on 127.0.0.1, sending the strict Content-Security-Policy
//! the app must work under (scripts, styles and fetches from the site's own origin only, no
//! inline script or style, wasm allowed through `'wasm-unsafe-eval'`) and the right MIME type
//! for wasm.
//!
//! GET and HEAD of files only, one thread per connection and one request per connection
//! (`Connection: close`). tiny_http served this before; its connection pool sometimes left a new
//! connection unanswered while older keep-alive connections held its threads, and a page's wasm
//! and boot.js then waited a minute (seen in the Chromium net log of the embed tests).

use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::dist;

/// The policy every page is served with.
pub const CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; object-src 'none'; base-uri 'none'";

/// The type of the server's own answers (not found, wrong method).
const TEXT: &str = "text/plain; charset=utf-8";

/// How long a connection may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// Builds dist/ and serves it until interrupted.
pub fn run(root: &Path, port: u16) -> Result<()> {
    let dist = dist::build(root)?;
    let listener = TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("cannot listen on port {port}"))?;
    println!("Seed Explorer is being served at http://127.0.0.1:{port}/  (Ctrl-C to stop)");
    serve(&listener, &dist, None);
    Ok(())
}

/// Serves `dir` on a free port in a background thread, with `fixtures` under `/fixtures/`
/// for the browser tests; returns the base URL.
pub fn spawn(dir: PathBuf, fixtures: PathBuf) -> Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0").context("cannot listen")?;
    let port = listener.local_addr()?.port();
    thread::spawn(move || serve(&listener, &dir, Some(&fixtures)));
    Ok(format!("http://127.0.0.1:{port}/"))
}

fn serve(listener: &TcpListener, dir: &Path, fixtures: Option<&Path>) {
    for stream in listener.incoming().flatten() {
        let (dir, fixtures) = (dir.to_path_buf(), fixtures.map(Path::to_path_buf));
        // A client that hangs up early is no error of the server's.
        thread::spawn(move || answer(stream, &dir, fixtures.as_deref()).ok());
    }
}

/// Reads one request from `stream` and answers it with the file it names (or 404, or 405 for
/// a method other than GET and HEAD).
fn answer(mut stream: TcpStream, dir: &Path, fixtures: Option<&Path>) -> io::Result<()> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = Vec::new();
    reader.read_until(b'\n', &mut request_line)?;
    // The headers are not needed; read up to the blank line that ends them.
    let mut header = Vec::new();
    loop {
        header.clear();
        if reader.read_until(b'\n', &mut header)? == 0 || header.trim_ascii().is_empty() {
            break;
        }
    }
    let request_line = String::from_utf8_lossy(&request_line);
    let mut parts = request_line.split_ascii_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let url = target.split(['?', '#']).next().unwrap_or("/");
    let found = || match (fixtures, url.strip_prefix("/fixtures/")) {
        (Some(f), Some(rest)) => resolve(f, rest),
        _ => resolve(dir, url),
    };
    // The file is read only for a method that sends it.
    let (status, content_type, body) = match method {
        "GET" | "HEAD" => match found().and_then(|p| Some((fs::read(&p).ok()?, p))) {
            Some((body, path)) => ("200 OK", mime(&path), body),
            None => ("404 Not Found", TEXT, b"not found".to_vec()),
        },
        _ => ("405 Method Not Allowed", TEXT, b"GET or HEAD only".to_vec()),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Content-Security-Policy: {CSP}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
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
        "txt" => TEXT,
        _ => "application/octet-stream",
    }
}
