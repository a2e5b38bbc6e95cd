import ArgumentParser
import Foundation
import RapportCore
import RapportSite

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Render the content folder into the output folder.")

    @OptionGroup var source: ContentOptions

    @Option(help: "The output folder. Default: output (output-internal with --internal).")
    var out: String?

    @Flag(help: "Include internal notes (an internal build, never for the other company).")
    var `internal` = false

    @Flag(help: "Include draft notes.")
    var drafts = false

    @Flag(help: "Print how long each stage took.")
    var timings = false

    func run() throws {
        // An internal build never lands in the folder a shared build publishes unless told to.
        let output = out ?? (`internal` ? "output-internal" : "output")
        let options = BuildOptions(
            content: source.content, templates: source.templates, output: output, asOf: try source.resolveAsOf(),
            includeInternal: `internal`, includeDrafts: drafts)
        do {
            let report = try SiteBuilder.build(options)
            printDiagnostics(report.diagnostics)
            let kind = `internal` ? "internal" : "shared"
            print("Built \(report.notes) notes into \(output)/ (\(report.filesWritten) files, \(kind) build, as of \(options.asOf))")
            if timings {
                for (stage, seconds) in report.timings {
                    print(String(format: "  %-40@ %8.1f ms", stage as NSString, seconds * 1000))
                }
            }
        } catch let failure as BuildFailure {
            printDiagnostics(failure.diagnostics)
            var stream = StandardError()
            print("Build failed (\(summary(failure.diagnostics))); \(output)/ was left as it was.", to: &stream)
            throw ExitCode.failure
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate content and templates; write nothing. Exit 1 on any error (or warning with --strict).")

    @OptionGroup var source: ContentOptions

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    enum OutputFormat: String, ExpressibleByArgument {
        case text, json
    }

    func run() throws {
        // Check every note, internal and draft ones too: they must be valid before they are shared.
        let options = BuildOptions(
            content: source.content, templates: source.templates, output: "", asOf: try source.resolveAsOf(),
            includeInternal: true, includeDrafts: true)
        let diagnostics = SiteBuilder.check(options)
        switch format {
        case .text:
            printDiagnostics(diagnostics)
            print("Checked \(source.content)/: \(summary(diagnostics)).")
        case .json:
            print(Self.json(diagnostics))
        }
        let failed = diagnostics.contains { $0.severity == .error || strict }
        if failed { throw ExitCode.failure }
    }

    static func json(_ diagnostics: [Diagnostic]) -> String {
        func quote(_ text: String) -> String {
            let data = try! JSONSerialization.data(withJSONObject: [text], options: [])
            let array = String(decoding: data, as: UTF8.self)
            return String(array.dropFirst().dropLast())
        }
        let items = diagnostics.map {
            "{\"path\": \(quote($0.path)), \"line\": \($0.line), \"column\": \($0.column), \"severity\": \"\($0.severity.rawValue)\", \"message\": \(quote($0.message))}"
        }
        return "[" + items.joined(separator: ",\n ") + "]"
    }
}
