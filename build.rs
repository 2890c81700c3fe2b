//! Minifies the kiosk and embed stylesheet (src/views/modes.css) into OUT_DIR, where
//! views/mode_shell.rs includes it: its comments and layout are for maintainers, and both
//! builds of the wasm carry it.

fn main() {
    let source = "src/views/modes.css";
    println!("cargo::rerun-if-changed={source}");
    let css = std::fs::read_to_string(source).expect("reading src/views/modes.css");
    let min = minifier::css::minify(&css).expect("minifying src/views/modes.css");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("modes.css");
    std::fs::write(out, min.to_string()).expect("writing the minified modes.css");
}
