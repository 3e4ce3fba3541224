//! The `embedcheck` command line (see `embedcheck help`).

fn main() {
    let code = embedcheck::cli::run(std::env::args().skip(1).collect());
    std::process::exit(code);
}
