//! The `embedcheck` command line.

fn main() {
    eprintln!("embedcheck: command line not built yet");
    std::process::exit(2);
}
