// Shared by the libFuzzer harnesses (Tests/Fuzz, built by Tests/Fuzz/run.sh) and by
// FuzzRegressionTests, so a crash found by fuzzing stays a test: keep this file free of
// Testing and of everything but RapportCore and Markdown.
import Foundation
import Markdown

@testable import RapportCore

/// One fuzzing input through each parser Rapport feeds with user files, and the promises
/// each must keep whatever the bytes: no crash, and a list of broken promises otherwise
/// (empty when all is well). The harnesses trap on a non-empty list.
enum FuzzTargets {
    /// A note's bytes through decoding, front matter splitting, YAML (the fast reader and
    /// Yams) and the common keys; and the same bytes as `portal.yaml`.
    static func frontMatter(_ bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        let (header, diagnostics) = NoteHeader.read(bytes: bytes, path: "pages/fuzz.md", displayPath: "content/pages/fuzz.md")
        if header == nil && !diagnostics.contains(where: { $0.severity == .error }) {
            problems.append("a note was refused without an error")
        }
        let lines = lineCount(bytes)
        problems += misplaced(diagnostics, path: "content/pages/fuzz.md", lines: lines)
        var log = DiagnosticLog()
        if PortalConfig.parse(bytes, path: "content/portal.yaml", log: &log) == nil && !log.hasErrors {
            problems.append("portal.yaml was refused without an error")
        }
        problems += misplaced(log.diagnostics, path: "content/portal.yaml", lines: lines)
        // The fast reader must give exactly what Yams gives, or nothing. (YAMLKeyGuard refuses
        // key-shaped text next to anchors on purpose, plain text included: a note the fast
        // reader can read never gets that far.)
        if let text = FrontMatter.decodeText(bytes), case .success(let split) = FrontMatter.split(text, path: "p"),
            let fast = SimpleYAML.parse(split.yaml, firstLine: split.yamlFirstLine),
            YAMLKeyGuard.complexKey(in: split.yaml) == nil
        {
            let full = YAMLNode.parseWithYams(split.yaml, firstLine: split.yamlFirstLine, path: "p")
            if full != .success(fast) { problems.append("SimpleYAML read \(fast), Yams \(full)") }
        }
        return problems
    }

    /// A KPI's CSV, with the KPI's frequency and fiscal year start taken from the first byte.
    static func csv(_ bytes: [UInt8]) -> [String] {
        let choice = Int(bytes.first ?? 0)
        let frequency = Frequency.allCases[choice % 3]
        var collector = MeasurementCollector(
            frequency: frequency, calendar: FiscalCalendar(startMonth: choice % 12 + 1), displayRoot: "content")
        var log = DiagnosticLog()
        let file = Array(bytes.dropFirst())
        MeasurementCSV.read(file, path: "kpis/k.csv", into: &collector, log: &log)
        collector.reportOverflow(log: &log)
        var problems = misplaced(log.diagnostics, path: "content/kpis/k.csv", lines: lineCount(file))
        if log.diagnostics.count > NoteParser.measurementDiagnosticLimit + 1 {
            problems.append("\(log.diagnostics.count) diagnostics for one file")
        }
        if Set(collector.measurements.map(\.period)).count != collector.measurements.count { problems.append("a period twice") }
        for measurement in collector.measurements {
            if measurement.period.frequency != frequency { problems.append("\(measurement.period) in a \(frequency) KPI") }
            if !measurement.value.isFinite { problems.append("a value of \(measurement.value)") }
        }
        return problems
    }

    /// A meeting body through cmark-gfm and the extraction of tasks, decisions and links,
    /// links to notes resolved as a build resolves them.
    static func markdown(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        let notes: [String: (ref: NoteRef, included: Bool)] = [
            "meetings/m.md": (NoteRef(kind: .meeting, id: "m"), true),
            "wins/w.md": (NoteRef(kind: .win, id: "w"), true),
            "pages/secret.md": (NoteRef(kind: .page, id: "secret"), false),
        ]
        let resolver = LinkResolver(notesByPath: notes, route: { "\($0.kind.folder)/\($0.id).html" })
        var log = DiagnosticLog()
        let body = resolver.render(
            text, notePath: "meetings/m.md", displayPath: "content/meetings/m.md", firstLine: 5, readsDecisions: true, log: &log)
        let lines = lineCount(bytes)
        var problems = misplaced(log.diagnostics, path: "content/meetings/m.md", lines: lines + 4)
        for task in body.tasks where task.line < 5 || task.line > lines + 4 { problems.append("a task on line \(task.line)") }
        for decision in body.decisions where decision.line < 5 || decision.line > lines + 4 {
            problems.append("a decision on line \(decision.line)")
        }
        problems += liveMarkup(in: body.html)
        // The public face as a page's template uses it, on its own.
        let document = MarkdownDocument(text)
        _ = (document.taskItems(), document.decisionItems(), document.links(), document.plainText())
        document.rewriteLinks { _ in .unlink }
        if document.html().contains("<a ") { problems.append("a link survived unlinking") }
        return problems
    }

    /// Lines as cmark-gfm and editors count them: each LF, CR LF or lone CR ends one.
    private static func lineCount(_ bytes: [UInt8]) -> Int {
        var count = 1
        for (index, byte) in bytes.enumerated() where byte == 0x0A || (byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) {
            count += 1
        }
        return count
    }

    /// Diagnostics that name another file, or a line outside the file.
    private static func misplaced(_ diagnostics: [Diagnostic], path: String, lines: Int) -> [String] {
        diagnostics.compactMap { diagnostic in
            if diagnostic.path != path { return "a diagnostic for \(diagnostic.path)" }
            if diagnostic.line < 1 || diagnostic.line > lines + 1 { return "\(diagnostic) is past the file's \(lines) lines" }
            return nil
        }
    }

    /// Elements cmark-gfm writes in safe mode with Rapport's extensions.
    static let elements: Set<String> = [
        "p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "hr", "br", "img", "table", "thead", "tbody", "tr", "th", "td", "del", "input",
    ]

    /// Tags that are not cmark's own, event handlers, and links or images that would run.
    static func liveMarkup(in html: String) -> [String] {
        var problems: [String] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            if rest.hasPrefix("!--"), let end = rest.range(of: "-->") {
                if rest[..<end.lowerBound] != "!-- raw HTML omitted " { problems.append("a comment \(rest[..<end.upperBound])") }
                rest = rest[end.upperBound...]
                continue
            }
            guard let close = rest.firstIndex(of: ">") else {
                problems.append("an unclosed tag")
                break
            }
            let tag = rest[..<close]
            rest = rest[rest.index(after: close)...]
            let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
            if !elements.contains(name) { problems.append("<\(tag)>") }
            for attribute in attributes(of: tag) {
                if attribute.name.hasPrefix("on") { problems.append("\(attribute.name)= in <\(tag)>") }
                guard attribute.name == "href" || attribute.name == "src" else { continue }
                let url = String(decodingEntities(attribute.value).unicodeScalars.filter { $0.value > 0x20 }).lowercased()
                let image = name == "img" && ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains(where: url.hasPrefix)
                if !image && ["javascript:", "vbscript:", "data:", "file:"].contains(where: url.hasPrefix) {
                    problems.append("\(attribute.name)=\(attribute.value)")
                }
            }
        }
        return problems
    }

    /// `name="value"` pairs of a tag cmark-gfm wrote (values always double-quoted).
    private static func attributes(of tag: Substring) -> [(name: String, value: String)] {
        var found: [(String, String)] = []
        var rest = tag.drop { $0 != " " }
        while let equals = rest.range(of: "=\"") {
            let name = rest[..<equals.lowerBound].split(separator: " ").last.map(String.init) ?? ""
            guard let end = rest[equals.upperBound...].firstIndex(of: "\"") else { break }
            found.append((name.lowercased(), String(rest[equals.upperBound..<end])))
            rest = rest[rest.index(after: end)...]
        }
        return found
    }

    /// The character references cmark-gfm writes in attributes (`&amp;`, `&#58;`, …).
    private static func decodingEntities(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semicolon = rest[amp...].prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let name = rest[rest.index(after: amp)..<semicolon]
            let named: [Substring: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "colon": ":", "tab": "\t"]
            if name.hasPrefix("#x") || name.hasPrefix("#X"), let value = UInt32(name.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value) {
                out.unicodeScalars.append(scalar)
            } else if name.hasPrefix("#"), let value = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(value) {
                out.unicodeScalars.append(scalar)
            } else {
                out += named[name] ?? String(rest[amp...semicolon])
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }
}
