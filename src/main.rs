fn main() {
    std::process::exit(rapporteur::cli::main());
}
