import Foundation
import RapportCore
import Testing

@testable import RapportSite

@Suite struct NewNoteTests {
    static let day = Day("2026-03-20")!

    @Test func namesFollowTheContentModel() {
        #expect(NewNote(kind: .meeting, title: "Weekly check-in", date: Self.day).path == "meetings/2026-03-20-weekly-check-in.md")
        #expect(NewNote(kind: .win, title: "Record week!", date: Self.day).path == "wins/2026-03-20-record-week.md")
        #expect(NewNote(kind: .kpi, title: "First contact resolution", date: Self.day).path == "kpis/first-contact-resolution.md")
        #expect(NewNote(kind: .qbr, title: "Spring review", date: Self.day).path == "qbr/2026-Q1.md")
        #expect(NewNote(kind: .qbr, title: "2026-Q3", date: Self.day).path == "qbr/2026-Q3.md")
        // With the fiscal year starting in April, 20 March 2026 is in the fourth quarter of 2025.
        #expect(NewNote(kind: .qbr, title: "Review", date: Self.day, calendar: FiscalCalendar(startMonth: 4)).path == "qbr/2025-Q4.md")
    }

    @Test func titleIsQuotedForYAML() {
        let note = NewNote(kind: .page, title: "Escalation \"matrix\": who\\when", date: Self.day)
        #expect(note.text.hasPrefix("---\ntitle: \"Escalation \\\"matrix\\\": who\\\\when\"\n"))
    }

    @Test func everyKindWritesANoteThatBuildsWithoutADiagnostic() throws {
        let portal = try BuiltPortal([:])
        for kind in NoteKind.allCases {
            let note = NewNote(kind: kind, title: "New \(kind.rawValue): ärger & more", date: Self.day)
            let written = try note.write(into: portal.content)
            #expect(written == portal.content + "/" + note.path)
        }
        let report = try portal.build(asOf: "2026-03-20")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.description))")
        #expect(report.notes == NoteKind.allCases.count)
        let meeting = portal.file("meetings/2026-03-20-new-meeting-rger-more.html")
        #expect(meeting.contains("<h1>New meeting: ärger &amp; more</h1>"))
        #expect(meeting.contains("No action items."))
    }

    @Test func refusesToOverwrite() throws {
        let portal = try BuiltPortal([:])
        let note = NewNote(kind: .meeting, title: "Weekly check-in", date: Self.day)
        try note.write(into: portal.content)
        try portal.write(note.path, "---\ntitle: Edited\ndate: 2026-03-20\n---\nMine.\n")
        #expect(throws: NewNote.WriteError.exists(portal.content + "/" + note.path)) {
            try note.write(into: portal.content)
        }
        let text = try String(contentsOfFile: portal.content + "/" + note.path, encoding: .utf8)
        #expect(text == "---\ntitle: Edited\ndate: 2026-03-20\n---\nMine.\n")
    }

    @Test func refusesAMissingContentFolder() {
        let note = NewNote(kind: .page, title: "Contacts", date: Self.day)
        #expect(throws: NewNote.WriteError.self) {
            try note.write(into: "/nonexistent-rapport-folder")
        }
    }
}
