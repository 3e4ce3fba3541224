//! The `embedcheck` command line (see `embedcheck help`).

fn main() {
    // Rust ignores SIGPIPE, so printing to a closed pipe (`embedcheck theorems | head`) panics in
    // `println!`. End quietly instead, with the status a Unix tool killed by SIGPIPE has (128 + 13).
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        default(info);
    }));
    let code = embedcheck::cli::run(std::env::args().skip(1).collect());
    std::process::exit(code);
}
