//! Build script: links the `embedcheck` executable position-dependent (`-no-pie`) on Linux with
//! glibc. A position-independent executable has about 7 800 dynamic relocations that the loader
//! applies at every start, on 32 pages it must copy first. Only the executable is affected (not
//! the library, the tests or the examples), and nothing about what it computes.
//!
//! On x86-64 the project's `.cargo/config.toml` goes further and links everything for the target
//! statically and position-dependent (no loader at all); `-no-pie` then changes nothing, and
//! it still serves the other glibc hosts. README, Performance.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let var = |name| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
