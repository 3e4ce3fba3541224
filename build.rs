//! Build script: links the `embedcheck` executable position-dependent (`-no-pie`) on Linux with
//! glibc. A position-independent executable has about 7 800 dynamic relocations that the loader
//! applies at every start, on 32 pages it must copy first. Only the executable is affected (not
//! the library, the tests or the examples), and nothing about what it computes.
//!
//! On x86-64 the project's `.cargo/config.toml` goes further and links everything for the target
//! statically and position-dependent (no loader at all); `-no-pie` then changes nothing, and
//! it still serves the other glibc hosts. README, Performance. A static link needs glibc's
//! `libc.a`; when the C compiler cannot find it, the build says how to get it or to link
//! dynamically, before the linker fails with a bare "cannot find -lc".

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CC");
    let var = |name| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "linux" || var("CARGO_CFG_TARGET_ENV") != "gnu" {
        return;
    }
    println!("cargo:rustc-link-arg-bins=-no-pie");
    let static_link = var("CARGO_CFG_TARGET_FEATURE").split(',').any(|f| f == "crt-static");
    if static_link && !static_libc_found() {
        println!(
            "cargo:warning=linking statically (.cargo/config.toml) needs glibc's static library libc.a, which the \
             C compiler does not find: install it (Debian/Ubuntu: libc6-dev; Fedora/RHEL: glibc-static) or link \
             dynamically with RUSTFLAGS=\" \" RUSTDOCFLAGS=\" \" cargo build --release"
        );
    }
}

/// Whether the C compiler (`$CC`, else `cc`) finds `libc.a`: `-print-file-name` prints a path
/// when it does and the bare name when it does not. Unknown (no compiler to ask) counts as found.
fn static_libc_found() -> bool {
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_string());
    match std::process::Command::new(cc).arg("-print-file-name=libc.a").output() {
        Ok(out) => String::from_utf8_lossy(&out.stdout).trim().contains('/'),
        Err(_) => true,
    }
}
