import Foundation
import Markdown

/// One note of the content folder, typed and validated. Immutable after loading.
///
/// A class: pages sort and filter thousands of notes, and copying a reference costs one
/// retain where copying the values would cost one for each of their strings and arrays.
public final class Note: Sendable {
    public let ref: NoteRef
    /// The note's path inside the content folder, e.g. `meetings/2026-04-07-check-in.md`.
    public let path: String
    public let title: String
    public let date: Day?
    public let tags: [String]
    public let visibility: Visibility
    public let isDraft: Bool
    /// Front matter keys the content model does not use, for templates.
    public let params: [(key: String, value: ParamValue)]
    /// The rendered body and what was read from it.
    public let body: NoteBody
    /// What the note's kind adds.
    public let details: NoteDetails

    public init(
        ref: NoteRef, path: String, title: String, date: Day?, tags: [String], visibility: Visibility, isDraft: Bool,
        params: [(key: String, value: ParamValue)], body: NoteBody, details: NoteDetails
    ) {
        self.ref = ref
        self.path = path
        self.title = title
        self.date = date
        self.tags = tags
        self.visibility = visibility
        self.isDraft = isDraft
        self.params = params
        self.body = body
        self.details = details
    }

    public var kind: NoteKind { ref.kind }
    public var id: String { ref.id }
}

/// A front matter value handed to templates as it was written.
public indirect enum ParamValue: Sendable, Equatable {
    case text(String)
    case list([ParamValue])
    case map([String: ParamValue])

    init(_ node: YAMLNode) {
        switch node.kind {
        case .scalar(let text, _): self = .text(text)
        case .sequence(let items): self = .list(items.map(ParamValue.init))
        case .mapping(let entries):
            var map: [String: ParamValue] = [:]
            for entry in entries { map[entry.key] = ParamValue(entry.value) }
            self = .map(map)
        }
    }
}

/// A note body after Markdown: HTML for pages, plain text for search, and the facts the
/// analysis reads (task items and decisions, with lines counted in the note's file).
public struct NoteBody: Sendable {
    /// HTML from cmark-gfm in safe mode. Links to other notes hold `NoteBody.rootMarker` in
    /// place of the path to the site root, which each page fills in for its own depth.
    public let html: String
    public let plainText: String
    public let tasks: [TaskItem]
    public let decisions: [DecisionItem]
    /// `{{kpi:id}}` citations in the source, for QBR narratives.
    public let citations: [KPICitation]
    /// The `@handle`s the text mentions, in order of first mention (`Mentions.handles`):
    /// read once with the note rather than by every build of the site model.
    public let mentions: [String]

    /// Stands for the relative path from a page to the site root in rendered bodies.
    public static let rootMarker = "RAPPORT-ROOT/"

    public init(html: String, plainText: String, tasks: [TaskItem], decisions: [DecisionItem], citations: [KPICitation] = []) {
        self.html = html
        self.plainText = plainText
        self.tasks = tasks
        self.decisions = decisions
        self.citations = citations
        mentions = Mentions.handles(in: plainText)
    }

    /// The HTML with links made relative to a page `root` (e.g. `../`).
    public func html(root: String) -> String { NoteBody.fillRoot(html, root: root) }

    public static func fillRoot(_ html: String, root: String) -> String {
        html.replacingBytes(rootMarker, with: root)
    }
}

/// The part of a note that depends on its kind.
public enum NoteDetails: Sendable {
    case meeting(MeetingDetails)
    case kpi(KPIDefinition)
    case win(WinDetails)
    case feedback(FeedbackDetails)
    case expectation(ExpectationDetails)
    case change(ChangeDetails)
    case qbr(Quarter)
    case page
}

public struct MeetingDetails: Sendable {
    /// check-in, qbr, steering, workshop, escalation or social; nil when not given.
    public let meetingKind: String?
    /// Attendee handles without `@`, as written.
    public let attendees: [String]
}

public struct WinDetails: Sendable {
    public let kpi: String?
    public let team: String?
}

public struct FeedbackDetails: Sendable {
    /// `client` or `provider`.
    public let from: String
    /// `positive` or `constructive`.
    public let sentiment: String
    /// `open`, `acknowledged` or `addressed`.
    public let status: String
    /// The response rendered from Markdown, nil when there is none.
    public let responseHTML: String?
}

public struct ExpectationDetails: Sendable {
    public let owner: String?
    public let due: Day?
    public let cadence: String?
    public let status: String?
    public let kpi: String?
}

public struct ChangeDetails: Sendable {
    public let status: String?
    public let requestedBy: String?
    public let impact: String?
}

/// `{{kpi:first-contact-resolution}}` written in a body: cites that KPI's figure.
public struct KPICitation: Sendable, Equatable {
    public let id: String
    public let line: Int
    public let column: Int

    public static let opening = "{{kpi:"

    /// Every citation in `text`, whose first line is line `firstLine` of the file.
    public static func find(in text: String, firstLine: Int) -> [KPICitation] {
        guard text.containsBytes(opening) else { return [] }
        var found: [KPICitation] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let start = rest.range(of: opening) {
                guard let end = rest[start.upperBound...].range(of: "}}") else { break }
                let id = String(rest[start.upperBound..<end.lowerBound]).trimmingSpaces
                let column = line.utf8.distance(from: line.startIndex, to: start.lowerBound) + 1
                found.append(KPICitation(id: id, line: firstLine + offset, column: column))
                rest = rest[end.upperBound...]
            }
        }
        return found
    }
}
