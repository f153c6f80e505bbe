//! Compiles the GOV.UK Design System into Hearth's stylesheet at build time.
//!
//! The design system is a pinned npm dependency (`frontend/package-lock.json`). We install it into
//! `OUT_DIR`, never into the source tree, compile our Sass with the Arial font stack (no GOV.UK
//! branding), and copy the design system's JavaScript beside it. The binary embeds the results, so
//! Node is needed to build Hearth but never to run it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets this"));
    let frontend = manifest_dir.join("frontend");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets this")).join("frontend");
    for file in ["package.json", "package-lock.json", "src"] {
        println!("cargo:rerun-if-changed=frontend/{file}");
    }
    fs::create_dir_all(&out).expect("create OUT_DIR/frontend");

    let lock = fs::read(frontend.join("package-lock.json")).expect("read frontend/package-lock.json");
    let installed_lock = out.join("node_modules/.hearth-lock");
    if fs::read(&installed_lock).ok().as_deref() != Some(lock.as_slice()) {
        fs::copy(frontend.join("package.json"), out.join("package.json")).expect("copy package.json");
        fs::write(out.join("package-lock.json"), &lock).expect("copy package-lock.json");
        run(
            Command::new(npm())
                .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"])
                .current_dir(&out),
            "npm ci (installing the pinned GOV.UK Design System)",
        );
        fs::write(&installed_lock, &lock).expect("record installed lock");
    }

    let modules = out.join("node_modules");
    let css = out.join("hearth.css");
    run(
        Command::new("node")
            .arg(modules.join("sass/sass.js"))
            .arg(format!("--load-path={}", modules.display()))
            .args(["--no-source-map", "--style=compressed", "--quiet-deps"])
            .arg(frontend.join("src/hearth.scss"))
            .arg(&css),
        "sass (compiling the stylesheet)",
    );
    let compiled = fs::read_to_string(&css).expect("read compiled css");
    // GOV.UK's own typeface is licensed for GOV.UK alone; make sure none of it slipped in.
    assert!(
        !compiled.contains("GDS Transport") && !compiled.contains("@font-face"),
        "the compiled stylesheet must not carry GOV.UK branding fonts"
    );
    copy(&modules.join("govuk-frontend/dist/govuk/govuk-frontend.min.js"), &out.join("govuk-frontend.min.js"));
    // The MIT licence asks that its notice travel with copies of the code.
    let notice = "/*! GOV.UK Frontend, MIT licence, Copyright (c) 2017 Crown Copyright (Government Digital Service). Compiled for Hearth without GOV.UK branding. */\n";
    fs::write(&css, format!("{notice}{compiled}")).expect("write stylesheet with notice");
}

fn npm() -> &'static str {
    if cfg!(windows) { "npm.cmd" } else { "npm" }
}

fn copy(from: &Path, to: &Path) {
    fs::copy(from, to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
}

fn run(command: &mut Command, what: &str) {
    let status = command.status().unwrap_or_else(|e| {
        panic!("{what} could not start: {e}. Building Hearth needs Node.js 20 or later with npm on the PATH.")
    });
    assert!(status.success(), "{what} failed with {status}");
}
