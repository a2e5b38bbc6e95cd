import Foundation
import Markdown

/// Decides what becomes of each link in a note body: links to other notes become links to
/// their pages, links to notes the build leaves out become plain text, links to missing
/// notes and unsafe links are reported.
struct LinkResolver: Sendable {
    /// Every note in the content folder by its content-relative path, with whether this
    /// build includes it.
    let notesByPath: [String: (ref: NoteRef, included: Bool)]
    /// The page of a note, relative to the site root.
    let route: @Sendable (NoteRef) -> String

    static let safeSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    /// Renders `markdown` (the body of the note at `notePath`, whose first line is line
    /// `firstLine` of the file, its text starting at column `firstColumn`) and reads its
    /// task items and decisions.
    func render(
        _ markdown: String, notePath: String, displayPath: String, firstLine: Int, firstColumn: Int = 1,
        log: inout DiagnosticLog
    ) -> NoteBody {
        let document = MarkdownDocument(markdown)
        let offset = firstLine - 1
        let links = document.links().filter { !$0.isImage }
        var decisions: [LinkRewrite] = []
        for link in links {
            decisions.append(
                decide(
                    link, notePath: notePath, displayPath: displayPath, lineOffset: offset,
                    columnOffset: firstColumn - 1, log: &log))
        }
        var index = 0
        document.rewriteLinks { _ in
            defer { index += 1 }
            return index < decisions.count ? decisions[index] : .keep
        }
        document.correctTaskCheckboxes()
        let tasks = document.taskItems().map {
            TaskItem(line: $0.line + offset, column: $0.column, isChecked: $0.isChecked, text: $0.text)
        }
        let decisionItems = document.decisionItems().map { DecisionItem(line: $0.line + offset, text: $0.text) }
        return NoteBody(
            html: document.html(), plainText: document.plainText(), tasks: tasks, decisions: decisionItems,
            citations: KPICitation.find(in: markdown, firstLine: firstLine))
    }

    private func decide(
        _ link: LinkReference, notePath: String, displayPath: String, lineOffset: Int, columnOffset: Int,
        log: inout DiagnosticLog
    ) -> LinkRewrite {
        let destination = link.destination.trimmingCharacters(in: .whitespaces)
        let line = link.line + lineOffset
        let column = link.column + columnOffset
        if destination.isEmpty || destination.hasPrefix("#") { return .keep }
        if let scheme = LinkResolver.scheme(of: destination) {
            if LinkResolver.safeSchemes.contains(scheme) { return .keep }
            log.warning(displayPath, line, column, "unsafe link '\(scheme):…' removed; its text is kept")
            return .unlink
        }
        if destination.hasPrefix("/") || destination.hasPrefix("\\") { return .keep }
        var pathPart = destination
        var suffix = ""
        if let cut = pathPart.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            suffix = String(pathPart[cut...])
            pathPart = String(pathPart[..<cut])
        }
        let decoded = pathPart.removingPercentEncoding ?? pathPart
        guard decoded.hasSuffix(".md") else { return .keep }
        guard let target = LinkResolver.resolve(decoded, from: notePath) else {
            log.error(displayPath, line, column, "link '\(link.destination)' points outside the content folder")
            return .unlink
        }
        guard let known = notesByPath[target] else {
            log.error(displayPath, line, column, "link to a note that does not exist: '\(link.destination)'")
            return .unlink
        }
        guard known.included else {
            log.warning(
                displayPath, line, column,
                "link to a note this build leaves out (internal or draft): '\(link.destination)' is shown as plain text")
            return .unlink
        }
        let fragment = suffix.hasPrefix("#") ? suffix : ""
        return .replace(NoteBody.rootMarker + route(known.ref) + fragment)
    }

    /// The lower-cased URL scheme, if the destination has one (control characters and
    /// spaces ignored, as browsers do).
    static func scheme(of destination: String) -> String? {
        let cleaned = destination.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }
        var scheme = ""
        for scalar in cleaned {
            if scalar == ":" { return scheme.isEmpty ? nil : scheme.lowercased() }
            if scalar == "/" || scalar == "?" || scalar == "#" { return nil }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }

    /// Resolves a relative link against the folder of `notePath`; nil when it leaves the
    /// content folder.
    static func resolve(_ link: String, from notePath: String) -> String? {
        var parts = notePath.split(separator: "/").dropLast().map(String.init)
        for component in link.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(String(component))
            }
        }
        return parts.joined(separator: "/")
    }
}
