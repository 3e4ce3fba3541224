//! Build script: links the `embedcheck` executable position-dependent (`-no-pie`) on Linux with
//! glibc. A position-independent executable has about 7 800 dynamic relocations that the loader
//! applies at every start, on 32 pages it must copy first; a short `eval` spends a tenth of its
//! time there (README, Performance). Only the executable is affected (not the library, the
//! tests or the examples), and nothing about what it computes.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let var = |name| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
