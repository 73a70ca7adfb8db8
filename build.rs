//! Lays out the release server's code with what it runs to start first.
//!
//! `bench/startup-symbols.txt` names the functions `tramites serve` runs from its start to three seconds
//! at rest (made by `bench/startup-symbols.sh`). The linker places them together at the start of the code,
//! so the pages a server at rest keeps mapped hold the code it ran and not, beside each function it ran,
//! spreadsheet, PDF or font code it never runs: the kernel maps the binary's code by whole folios of the
//! page cache, up to 2 MB each. A name that no longer exists is skipped, so a stale list costs memory, never
//! correctness.
//!
//! Only for release builds of the server on x86_64 Linux with Rust 1.90 or later, whose linker there is
//! LLD (the only one on that target that reads the list); `TRAMITES_SYMBOL_ORDER=off` leaves it out.
//!
//! The names carry a hash of the toolchain, of each crate's version, of its dependencies and of the build
//! profile, so the list holds for the toolchain, `Cargo.lock` and dependencies it was made with (a new
//! dependency renames every function of this crate, and a change of code renames the functions ThinLTO names with
//! a `.llvm.` suffix and some generic instances; CONTRIBUTING.md says when to make the list again). That
//! is also why the release binary's symbols are stripped here (`--strip-all`) rather than by the profile's
//! `strip`, which would change every name: `TRAMITES_KEEP_SYMBOLS=1` keeps them, for the script that makes
//! the list and for profiling.

use std::env;
use std::process::Command;

fn main() {
    println!("cargo::rerun-if-changed=bench/startup-symbols.txt");
    // The migrations are embedded (`embed_migrations!`): rustc's own record of the files it read
    // names each existing one, not a new directory, and the lines above keep cargo from watching
    // the whole package, so a new migration would otherwise leave the binary without it.
    println!("cargo::rerun-if-changed=migrations");
    println!("cargo::rerun-if-env-changed=TRAMITES_SYMBOL_ORDER");
    println!("cargo::rerun-if-env-changed=TRAMITES_KEEP_SYMBOLS");
    println!("cargo::rerun-if-env-changed=CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER");
    let release = env::var("PROFILE").as_deref() == Ok("release");
    let target = env::var("TARGET").unwrap_or_default();
    let linux = env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux");
    let wanted = env::var("TRAMITES_SYMBOL_ORDER").as_deref() != Ok("off");
    if release && linux && env::var_os("TRAMITES_KEEP_SYMBOLS").is_none() {
        println!("cargo::rustc-link-arg-bins=-Wl,--strip-all");
    }
    if release && wanted && target == "x86_64-unknown-linux-gnu" && rustc_links_with_lld() {
        let dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
        println!(
            "cargo::rustc-link-arg-bins=-Wl,--symbol-ordering-file={dir}/bench/startup-symbols.txt"
        );
        println!("cargo::rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
    }
}

/// Rust links x86_64 Linux programs with its own LLD from 1.90 on, unless told to use another linker.
fn rustc_links_with_lld() -> bool {
    let flags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    if flags.contains("link")
        || env::var_os("CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER").is_some()
    {
        return false;
    }
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let Ok(out) = Command::new(rustc).arg("--version").output() else {
        return false;
    };
    let version = String::from_utf8_lossy(&out.stdout);
    let minor = version
        .split(['.', ' '])
        .nth(2)
        .and_then(|m| m.parse::<u32>().ok());
    minor.is_some_and(|m| m >= 90)
}
