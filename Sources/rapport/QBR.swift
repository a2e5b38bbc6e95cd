import ArgumentParser
import Foundation
import RapportCore
import RapportSite

struct QBR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qbr", abstract: "Write one quarter's business review pack as a self-contained HTML file (and PDF).")

    @Argument(help: "The quarter, e.g. 2026-Q1.")
    var quarter: String

    @OptionGroup var source: ContentOptions

    @Option(help: "The HTML file to write. Default: qbr-<quarter>.html")
    var out: String?

    @Flag(help: "Also print the pack to PDF with headless Chromium (beside the HTML file).")
    var pdf = false

    @Option(name: .customLong("base-url"), help: "Where the portal is published, for links in the pack. Default: base_url in portal.yaml.")
    var baseURL: String?

    @Flag(help: "Include internal notes (never send such a pack to the other company).")
    var `internal` = false

    func run() throws {
        guard let quarter = Quarter(self.quarter) else {
            throw ValidationError("the quarter must be written YYYY-Qn, like 2026-Q1, not '\(self.quarter)'")
        }
        let htmlPath = out ?? "qbr-\(quarter).html"
        let options = BuildOptions(
            content: source.content, templates: source.templates, output: "", asOf: try source.resolveAsOf(),
            includeInternal: `internal`)
        var chromium: String? = nil
        if pdf {
            chromium = QBRExport.findChromium()
            if chromium == nil {
                var stream = StandardError()
                print("error: --pdf needs Chromium, which is not installed. Install it with: sudo apt-get install chromium (Debian/Ubuntu), then run again.", to: &stream)
                throw ExitCode.failure
            }
        }
        do {
            let (html, diagnostics) = try QBRExport.render(options, quarter: quarter, baseURL: baseURL)
            printDiagnostics(diagnostics)
            // Write beside the target and rename, so a failed write never leaves half a file.
            let temporary = htmlPath + ".rapport-partial"
            try Data(html.utf8).write(to: URL(fileURLWithPath: temporary))
            if FileManager.default.fileExists(atPath: htmlPath) { try FileManager.default.removeItem(atPath: htmlPath) }
            try FileManager.default.moveItem(atPath: temporary, toPath: htmlPath)
            print("Wrote the \(quarter) pack to \(htmlPath)")
            if let chromium {
                let pdfPath = htmlPath.hasSuffix(".html") ? String(htmlPath.dropLast(5)) + ".pdf" : htmlPath + ".pdf"
                try QBRExport.printPDF(chromium: chromium, htmlPath: htmlPath, pdfPath: pdfPath)
                print("Printed it to \(pdfPath)")
            }
        } catch let failure as BuildFailure {
            printDiagnostics(failure.diagnostics)
            var stream = StandardError()
            print("No pack written (\(summary(failure.diagnostics))).", to: &stream)
            throw ExitCode.failure
        }
    }
}
