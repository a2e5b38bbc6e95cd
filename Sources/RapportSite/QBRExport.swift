import Foundation
import RapportCore

/// `rapport qbr`: one quarter's pack as a single self-contained HTML file, and optionally
/// a PDF printed by headless Chromium.
public enum QBRExport {
    /// Renders the pack of `quarter`. Links into the portal point at the published portal
    /// when a base URL is known; without one they are removed, keeping their text, so
    /// the file has no dead links.
    public static func render(_ options: BuildOptions, quarter: Quarter, baseURL: String?) throws -> (html: String, diagnostics: [Diagnostic]) {
        let templates: TemplateSet
        switch TemplateSet.load(from: options.templates, engine: options.templateEngine) {
        case .success(let set): templates = set
        case .failure(let failure): throw failure
        }
        guard let (portal, analysis, diagnostics) = SiteBuilder.analyse(options) else {
            let result = PortalLoader.load(contentRoot: options.content, options: options.loadOptions, route: Routes.note)
            throw BuildFailure(result.diagnostics)
        }
        let problems = diagnostics + NarrativeCheck.diagnostics(portal: portal, analysis: analysis, displayRoot: options.content)
        if problems.contains(where: { $0.severity == .error }) { throw BuildFailure(problems) }
        let model = SiteModel(portal: portal, analysis: analysis, includeInternal: options.includeInternal, includeDrafts: options.includeDrafts)
        let base = baseURL ?? (portal.config.baseURL.isEmpty ? nil : portal.config.baseURL)
        // The pack's own route gives relative links two levels up; point them at the
        // published portal instead, or drop them.
        var html = templates.render("qbr", PageContext(model: model, route: Routes.qbr(quarter.description)).qbrPage(quarter))
        if let base {
            html = html.replacingOccurrences(of: "href=\"../../", with: "href=\"\(Format.escape(base))")
        } else {
            html = HTMLText.unlinkRelative(html)
        }
        return (html, problems)
    }

    /// The Chromium binary on the PATH, if any.
    public static func findChromium() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in path.split(separator: ":") {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Prints `htmlPath` to `pdfPath` with headless Chromium (A4 or Letter from the page's
    /// CSS). Throws with Chromium's own output when it fails.
    public static func printPDF(chromium: String, htmlPath: String, pdfPath: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        let absolute = URL(fileURLWithPath: htmlPath).standardizedFileURL
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
            "--print-to-pdf=\(pdfPath)", absolute.absoluteString,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: pdfPath) else {
            throw FileError("Chromium could not print the pack (exit \(process.terminationStatus)): \(String(decoding: data, as: UTF8.self).suffix(400))")
        }
    }
}
