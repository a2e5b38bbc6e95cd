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

    @Option(
        name: .customLong("base-url"),
        help: "The URL the portal is published at (overrides base_url in portal.yaml). The feed and sitemap need it.")
    var baseURL: String?

    @Flag(
        name: .customLong("git-info"), inversion: .prefixedNo,
        help: "Show when each note last changed and by whom, from one 'git log' of the content folder.")
    var gitInfo = true

    @Flag(
        name: .customLong("reference-renderer"),
        help: ArgumentHelp(
            "Render with swift-mustache alone, the reference Rapport's compiled renderer matches byte for byte (slower).",
            visibility: .hidden))
    var referenceRenderer = false

    func run() throws {
        // An internal build never lands in the folder a shared build publishes unless told to.
        let output = out ?? (`internal` ? "output-internal" : "output")
        var base: String? = nil
        if let baseURL {
            guard let normalized = BuildOptions.normalizedBaseURL(baseURL) else {
                throw ValidationError("--base-url must start with https:// or http://, not '\(baseURL)'")
            }
            base = normalized
        }
        var options = BuildOptions(
            content: source.content, templates: source.templates, output: output, asOf: try source.resolveAsOf(),
            includeInternal: `internal`, includeDrafts: drafts, baseURL: base, gitInfo: gitInfo,
            templateEngine: referenceRenderer ? .reference : .compiled)
        options.keepsModelUntilExit = true
        do {
            let report = try SiteBuilder.build(options)
            printDiagnostics(report.diagnostics)
            let kind = `internal` ? "internal" : "shared"
            print("Built \(report.notes) notes into \(output)/ (\(report.filesWritten) files, \(kind) build, as of \(options.asOf))")
            if timings { printTimings(report) }
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
        // The shared build's view and the internal one with drafts: see CheckReport.run.
        let options = BuildOptions(
            content: source.content, templates: source.templates, output: "", asOf: try source.resolveAsOf())
        let report = CheckReport.run(options, strict: strict)
        switch format {
        case .text:
            printDiagnostics(report.diagnostics)
            print("Checked \(source.content)/: \(report.summary)\(strict ? " (--strict: warnings fail the check)" : "").")
        case .json:
            print(report.json, terminator: "")
        }
        if report.failed { throw ExitCode(report.exitStatus) }
    }
}

/// `--timings`: wall time per stage, then CPU time per layout (summed over both cores).
func printTimings(_ report: BuildReport) {
    func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }
    func milliseconds(_ seconds: Double) -> String { String(format: "%9.1f ms", seconds * 1000) }
    print("Stages (wall time):")
    for (stage, seconds) in report.timings { print("  \(pad(stage, 32))\(milliseconds(seconds))") }
    print("Render by layout (time summed over threads):")
    print("  \(pad("layout", 20))\(pad("files", 8))      render       write    avg/file      size")
    for row in report.templates {
        let average = row.files == 0 ? 0 : row.renderSeconds / Double(row.files) * 1e6
        print(
            "  \(pad(row.layout, 20))\(pad(String(row.files), 8))\(milliseconds(row.renderSeconds))\(milliseconds(row.writeSeconds))"
                + String(format: "%9.0f µs %7.1f MB", average, Double(row.bytes) / 1e6))
    }
}
