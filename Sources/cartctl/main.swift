import Foundation

// cartctl: parse, run, exit with the code `--help` documents.

signal(SIGPIPE, SIG_IGN)
let code: ExitCode
do {
    let arguments = try Arguments(parsing: Array(CommandLine.arguments.dropFirst()))
    code = Runner(arguments: arguments, environment: ProcessInfo.processInfo.environment).run()
} catch {
    Output.err("\(error) (see cartctl --help)")
    code = .usage
}
exit(code.rawValue)
