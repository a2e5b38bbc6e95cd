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
    /// task items and, with `readsDecisions` (a meeting's body: no other note has a decision
    /// register), its decisions.
    func render(
        _ markdown: String, notePath: String, displayPath: String, firstLine: Int, firstColumn: Int = 1,
        readsDecisions: Bool, log: inout DiagnosticLog
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
        let tasks = document.taskItems(correctingCheckboxes: true).map {
            TaskItem(line: $0.line + offset, column: $0.column, isChecked: $0.isChecked, text: $0.text)
        }
        let decisionItems = readsDecisions ? document.decisionItems().map { DecisionItem(line: $0.line + offset, text: $0.text) } : []
        return NoteBody(
            html: document.html(), plainText: document.plainText(), tasks: tasks, decisions: decisionItems,
            citations: KPICitation.find(in: markdown, firstLine: firstLine))
    }

    private func decide(
        _ link: LinkReference, notePath: String, displayPath: String, lineOffset: Int, columnOffset: Int,
        log: inout DiagnosticLog
    ) -> LinkRewrite {
        let destination = LinkResolver.trimmingWhitespace(link.destination)
        let line = link.line + lineOffset
        let column = link.column + columnOffset
        if destination.isEmpty || destination.hasPrefix("#") { return .keep }
        if let scheme = LinkResolver.scheme(of: destination) {
            if LinkResolver.safeSchemes.contains(scheme) { return .keep }
            log.warning(displayPath, line, column, "unsafe link '\(scheme):…' removed; its text is kept")
            return .unlink
        }
        if destination.hasPrefix("/") || destination.hasPrefix("\\") { return .keep }
        let (pathPart, suffix) = LinkResolver.cutQueryOrFragment(destination)
        // Without a `%` there is nothing to decode: skip Foundation's copy of the text.
        let decoded = pathPart.utf8.contains(UInt8(ascii: "%")) ? pathPart.removingPercentEncoding ?? pathPart : pathPart
        guard LinkResolver.hasMarkdownExtension(decoded) else { return .keep }
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

    /// The destination without the white space Foundation's `.whitespaces` trims at either
    /// end. Destinations seldom have any: when the first and last bytes are ASCII other than
    /// space and tab, the text is returned as it is, without a round trip through NSString.
    static func trimmingWhitespace(_ destination: String) -> String {
        func isKept(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && byte != 0x09 }
        if let first = destination.utf8.first, let last = destination.utf8.last, isKept(first), isKept(last) {
            return destination
        }
        return destination.trimmingCharacters(in: .whitespaces)
    }

    /// The destination cut before its first `#` or `?` `Character`: the path, and the
    /// query or fragment from there on (empty when there is none). In ASCII text every
    /// `#` and `?` byte is a `Character` of its own (neither belongs to a CR LF), so the cut
    /// is found on bytes; other text is searched by `Character`, in which a `#` followed by
    /// a combining mark is no cut.
    static func cutQueryOrFragment(_ destination: String) -> (path: String, suffix: String) {
        let cut: String.Index?
        if destination.isASCII {
            cut = destination.utf8.firstIndex { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") }
        } else {
            cut = destination.firstIndex { $0 == "#" || $0 == "?" }
        }
        guard let cut else { return (destination, "") }
        return (String(destination[..<cut]), String(destination[cut...]))
    }

    /// True when the path ends in `.md`, as `hasSuffix(".md")` tells. An ASCII path is
    /// compared by bytes: there the last three bytes are the last three `Character`s and
    /// need no normalizing; any other path goes through `hasSuffix`, which sees
    /// `".m\u{301}d"` as no match and canonically equivalent spellings as one.
    static func hasMarkdownExtension(_ path: String) -> Bool {
        guard path.isASCII else { return path.hasSuffix(".md") }
        return path.utf8.count >= 3 && path.utf8.suffix(3).elementsEqual(".md".utf8)
    }

    /// The lower-cased URL scheme, if the destination has one (control characters and
    /// spaces ignored, as browsers do). Read by bytes: what ends or ignores a scheme is
    /// ASCII, and the bytes kept are whole characters. Most destinations (`../x.md`) end
    /// the search at once and make nothing.
    static func scheme(of destination: String) -> String? {
        var destination = destination
        return destination.withUTF8 { bytes -> String? in
            for (index, byte) in bytes.enumerated() {
                switch byte {
                case UInt8(ascii: ":"):
                    let kept = bytes[..<index].filter { $0 > 0x20 && $0 != 0x7F }
                    return kept.isEmpty ? nil : String(decoding: kept, as: UTF8.self).lowercased()
                case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"): return nil
                default: continue
                }
            }
            return nil
        }
    }

    /// Resolves a relative link against the folder of `notePath`; nil when it leaves the
    /// content folder.
    static func resolve(_ link: String, from notePath: String) -> String? {
        // ASCII paths (nearly all) on their bytes: no part made a `Substring`, no join.
        if link.isASCII, notePath.isASCII {
            return resolveASCII(link, from: notePath)
        }
        return resolveByCharacters(link, from: notePath)
    }

    /// `resolve` on the parts of `slashSeparatedParts`, for any text: the parts are kept as
    /// `Substring`s of the two paths and copied once, when joined.
    static func resolveByCharacters(_ link: String, from notePath: String) -> String? {
        var parts = Array(notePath.slashSeparatedParts().dropLast())
        for component in link.slashSeparatedParts() {
            switch component {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(component)
            }
        }
        return parts.joined(separator: "/")
    }

    /// `resolve` for ASCII paths, where every `/` byte is a separator: the result is built
    /// in place in the string's storage; a `..` cuts it back to the slash before its last
    /// part (parts are never empty, so that slash ends the part before).
    private static func resolveASCII(_ link: String, from notePath: String) -> String? {
        var link = link
        var notePath = notePath
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        return notePath.withUTF8 { note in
            link.withUTF8 { link -> String? in
                var escaped = false
                let result = String(unsafeUninitializedCapacity: note.count + link.count + 1) { out in
                    var count = 0
                    /// Appends each non-empty part of `path[..<end]`, resolving `.` and `..`.
                    func add(_ path: UnsafeBufferPointer<UInt8>, upTo end: Int) -> Bool {
                        var start = 0
                        while start < end {
                            var stop = start
                            while stop < end && path[stop] != slash { stop += 1 }
                            let length = stop - start
                            if length == 1 && path[start] == dot {
                                // `.`: nothing
                            } else if length == 2 && path[start] == dot && path[start + 1] == dot {
                                guard count > 0 else { return false }
                                var cut = count - 1
                                while cut > 0 && out[cut] != slash { cut -= 1 }
                                count = cut
                            } else if length > 0 {
                                if count > 0 {
                                    out[count] = slash
                                    count += 1
                                }
                                for index in start..<stop {
                                    out[count] = path[index]
                                    count += 1
                                }
                            }
                            start = stop + 1
                        }
                        return true
                    }
                    // The note's folder: every part of its path but the last.
                    var folderEnd = note.count
                    while folderEnd > 0 && note[folderEnd - 1] == slash { folderEnd -= 1 }
                    while folderEnd > 0 && note[folderEnd - 1] != slash { folderEnd -= 1 }
                    guard add(note, upTo: folderEnd), add(link, upTo: link.count) else {
                        escaped = true
                        return 0
                    }
                    return count
                }
                return escaped ? nil : result
            }
        }
    }
}
