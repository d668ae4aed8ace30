// mimalloc: the pipeline makes millions of small allocations (tokens,
// feature lists, JSON strings) and frees them across threads; glibc's
// allocator spent about a fifth of the 100k run in malloc/free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(rapporteur::cli::main());
}
