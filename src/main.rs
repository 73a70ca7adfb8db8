//! The `tramites` command line (see [`tramites::cli`]).

/// See Cargo.toml: the comment path allocates on one thread and frees on another.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    tramites::cli::main()
}
