//! The `tramites` command line (see [`tramites::cli`]).

fn main() -> std::process::ExitCode {
    tramites::cli::main()
}
