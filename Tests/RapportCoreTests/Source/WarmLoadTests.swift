import Foundation
import Testing

@testable import RapportCore

/// A load with a `LoadCache` after an edit gives exactly what a load without one gives,
/// parses only what the edit touched, and the analysis made from the last one is equal to
/// a fresh analysis.
@Suite struct WarmLoadTests {
    static let asOf = Day("2026-06-30")!

    static let files: [String: String] = [
        "meetings/2026-04-07-check-in.md": meetingNote("2026-04-07", "We met.\n\n- [ ] @ana Send the file (due 2026-04-10)\n\n## Decisions\n\n- Go ahead\n"),
        "meetings/2026-05-12-review.md": meetingNote("2026-05-12", "See [the plan](../pages/plan.md).\n\n- [x] @raj Ship it\n"),
        "meetings/2026-06-02-steering.md": meetingNote("2026-06-02", "- [ ] @ana Book the room (due 2026-06-20)\n"),
        "kpis/csat.md": kpiNote("unit: \"%\"\ndirection: higher\ntarget: 85\nwarning: 80", title: "CSAT"),
        "kpis/csat.csv": "period,value\n2026-04,82\n2026-05,86\n",
        "wins/2026-05-20-record.md": "---\ntitle: Record\ndate: 2026-05-20\nkpi: csat\n---\n\nWell done.\n",
        "feedback/2026-05-02-praise.md": "---\ntitle: Praise\ndate: 2026-05-02\nfrom: client\nsentiment: positive\n---\n\nThanks.\n",
    ]

    /// A folder, a cache warmed by one load, and the analysis of that load.
    final class Session {
        let folder: ContentFolder
        let cache = LoadCache()
        var analysis: Analysis?
        /// Notes parsed by loads that failed since `analysis` was made.
        var pending: Set<NoteRef> = []

        init(_ files: [String: String] = WarmLoadTests.files) throws {
            folder = try ContentFolder(files)
            let first = load()
            analysis = first.portal.map { Analysis(portal: $0, asOf: WarmLoadTests.asOf) }
            _ = cache.takeReparsed()
        }

        func load(cached: Bool = true) -> LoadResult {
            PortalLoader.load(
                contentRoot: folder.root, displayRoot: "content", options: LoadOptions(),
                route: { "\($0.kind.folder)/\($0.id).html" }, cache: cached ? cache : nil)
        }

        func write(_ path: String, _ text: String) throws {
            try FileManager.default.createDirectory(
                atPath: (folder.root + "/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder.root + "/" + path))
        }

        /// Every value of a note, written out (a `Note` is a class: its own description is its type).
        static func values(_ note: Note) -> String {
            "\(note.ref) \(note.path) \(note.title) \(String(describing: note.date)) \(note.tags) \(note.visibility) \(note.isDraft) "
                + "\(note.params) \(note.body) \(note.details)"
        }

        func remove(_ path: String) throws { try FileManager.default.removeItem(atPath: folder.root + "/" + path) }

        /// Loads with the cache and without, expects the same result, and returns the warm
        /// one with the notes it parsed again. The analysis kept is replaced by one made
        /// from it, which must equal a fresh one.
        func reload(sourceLocation: SourceLocation = #_sourceLocation) -> (result: LoadResult, reparsed: Set<NoteRef>) {
            let warm = load()
            let reparsed = cache.takeReparsed()
            let cold = load(cached: false)
            #expect(warm.diagnostics == cold.diagnostics, sourceLocation: sourceLocation)
            #expect((warm.portal == nil) == (cold.portal == nil), sourceLocation: sourceLocation)
            #expect(warm.portal?.notes.map(Self.values) == cold.portal?.notes.map(Self.values), sourceLocation: sourceLocation)
            for kind in NoteKind.allCases {
                #expect(warm.portal?.notes(of: kind).map(\.ref) == cold.portal?.notes(of: kind).map(\.ref), sourceLocation: sourceLocation)
            }
            pending.formUnion(reparsed)
            if let portal = warm.portal {
                let fresh = Analysis(portal: portal, asOf: WarmLoadTests.asOf)
                // The next step reuses this one, so that an analysis made by reuse is reused too.
                if let analysis {
                    let reused = Analysis(portal: portal, asOf: WarmLoadTests.asOf, reusing: analysis, changed: pending)
                    #expect(reused == fresh, sourceLocation: sourceLocation)
                    #expect(reused.actions.map(\.text) == fresh.actions.map(\.text), sourceLocation: sourceLocation)
                    self.analysis = reused
                } else {
                    analysis = fresh
                }
                pending = []
            }
            return (warm, reparsed)
        }
    }

    private static let checkIn = NoteRef(kind: .meeting, id: "2026-04-07-check-in")
    private static let review = NoteRef(kind: .meeting, id: "2026-05-12-review")

    @Test func anEditedMeetingIsTheOnlyNoteParsedAgain() throws {
        let session = try Session(Self.files.merging(["pages/plan.md": "---\ntitle: Plan\n---\n"]) { $1 })
        try session.write(
            "meetings/2026-04-07-check-in.md",
            meetingNote("2026-04-07", "We met again.\n\n- [x] @ana Send the file (due 2026-04-10)\n- [ ] @zed Call back\n"))
        let (result, reparsed) = session.reload()
        #expect(reparsed == [Self.checkIn])
        #expect(result.lines == ["content/meetings/2026-04-07-check-in.md:9:1: warning: unknown person '@zed' owns an action: add them to people in portal.yaml"])
        #expect(session.analysis?.actions.map(\.text) == ["@ana Send the file (due 2026-04-10)", "@zed Call back", "@raj Ship it", "@ana Book the room (due 2026-06-20)"])
        #expect(session.analysis?.decisions.isEmpty == true)

        // Nothing changed: nothing is parsed, and the result is the same.
        let (again, none) = session.reload()
        #expect(none.isEmpty)
        #expect(again.lines == result.lines)
    }

    @Test func aNoteThatALinkNamesCanComeAndGo() throws {
        let session = try Session()
        #expect(session.load().lines == ["content/meetings/2026-05-12-review.md:6:16: error: link to a note that does not exist: '../pages/plan.md'"])
        try session.write("pages/plan.md", "---\ntitle: Plan\n---\n\nThe plan.\n")
        let (added, reparsedAfterAdding) = session.reload()
        #expect(added.lines == [])
        #expect(added.portal?.note(Self.review)?.body.html.contains("href=\"RAPPORT-ROOT/pages/plan.html\"") == true)
        // Only the new note and the note whose text names its file are parsed again.
        #expect(Set(reparsedAfterAdding) == [Self.review, NoteRef(kind: .page, id: "plan")])

        try session.remove("pages/plan.md")
        let (removed, reparsedAfterRemoving) = session.reload()
        #expect(Set(reparsedAfterRemoving) == [Self.review])
        #expect(removed.portal == nil)
        #expect(removed.lines == ["content/meetings/2026-05-12-review.md:6:16: error: link to a note that does not exist: '../pages/plan.md'"])
    }

    @Test func aMeetingThatMovesOrGoesChangesTheOrderOfActions() throws {
        let session = try Session(Self.files.merging(["pages/plan.md": "---\ntitle: Plan\n---\n"]) { $1 })
        try session.write("meetings/2026-04-07-check-in.md", meetingNote("2026-06-10", "- [ ] @ana Send the file (due 2026-04-10)\n"))
        let (_, reparsed) = session.reload()
        #expect(reparsed == [Self.checkIn])
        #expect(session.analysis?.actions.map(\.meeting.id) == ["2026-05-12-review", "2026-06-02-steering", "2026-04-07-check-in"])
        #expect(session.analysis?.quarters.map(\.actionsOverdue) == [2])

        try session.remove("meetings/2026-05-12-review.md")
        _ = session.reload()
        #expect(session.analysis?.actions.map(\.meeting.id) == ["2026-06-02-steering", "2026-04-07-check-in"])
        #expect(session.analysis?.quarters.map(\.meetings) == [2])

        try session.write("meetings/2026-01-15-kick-off.md", meetingNote("2026-01-15", "- [ ] @raj Start\n\n## Decisions\n\n- Begin\n"))
        _ = session.reload()
        #expect(session.analysis?.actions.map(\.meeting.id) == ["2026-01-15-kick-off", "2026-06-02-steering", "2026-04-07-check-in"])
        #expect(session.analysis?.quarters.map(\.quarter.description) == ["2026-Q1", "2026-Q2"])
        #expect(session.analysis?.quarters.map(\.decisions) == [1, 0])
    }

    @Test func anEditedCSVChangesItsKPIAlone() throws {
        let session = try Session(Self.files.merging(["pages/plan.md": "---\ntitle: Plan\n---\n"]) { $1 })
        try session.write("kpis/csat.csv", "period,value\n2026-04,82\n2026-05,86\n2026-06,79.5\n")
        let (_, reparsed) = session.reload()
        #expect(reparsed == [NoteRef(kind: .kpi, id: "csat")])
        #expect(session.analysis?.kpi("csat")?.latest?.value == 79.5)
        #expect(session.analysis?.kpi("csat")?.latest?.status == .red)
        #expect(session.analysis?.kpi("csat")?.quarters.map(\.value) == [82.5])

        // The CSV goes: the KPI keeps its front matter alone.
        try session.remove("kpis/csat.csv")
        _ = session.reload()
        #expect(session.analysis?.kpi("csat")?.measurements.isEmpty == true)
    }

    @Test func portalPeopleFeedEveryParse() throws {
        let session = try Session(Self.files.merging(["pages/plan.md": "---\ntitle: Plan\n---\n"]) { $1 })
        try session.write("portal.yaml", ContentFolder.portal.replacingOccurrences(of: "  raj: { name: Raj Mehta, team: provider, role: Delivery lead }\n", with: ""))
        let (result, reparsed) = session.reload()
        #expect(reparsed.count == 7)
        #expect(result.lines == ["content/meetings/2026-05-12-review.md:8:1: warning: unknown person '@raj' owns an action: add them to people in portal.yaml"])
    }

    @Test func aNoteThatTurnsInternalOrBreaksLeavesThePortal() throws {
        let session = try Session(Self.files.merging(["pages/plan.md": "---\ntitle: Plan\n---\n"]) { $1 })
        try session.write("wins/2026-05-20-record.md", "---\ntitle: Record\ndate: 2026-05-20\nkpi: csat\nvisibility: internal\n---\n\nWell done.\n")
        let (hidden, _) = session.reload()
        #expect(hidden.portal?.notes(of: .win).isEmpty == true)
        #expect(session.analysis?.quarters.map(\.wins) == [0])

        try session.write("feedback/2026-05-02-praise.md", "---\ntitle: Praise\ndate: 2026-05-02\nfrom: client\n---\n\nThanks.\n")
        let (broken, reparsed) = session.reload()
        #expect(reparsed == [NoteRef(kind: .feedback, id: "2026-05-02-praise")])
        #expect(broken.portal == nil)
        #expect(broken.lines == ["content/feedback/2026-05-02-praise.md:1:1: error: missing 'sentiment': positive or constructive"])

        try session.write("feedback/2026-05-02-praise.md", "---\ntitle: Praise\ndate: 2026-05-02\nfrom: client\nsentiment: constructive\n---\n\nThanks.\n")
        let (fixed, _) = session.reload()
        #expect(fixed.lines == [])
        #expect(session.analysis?.quarters.map(\.feedbackFromClient) == [FeedbackCounts(positive: 0, constructive: 1)])
    }

    @Test func aSecondNoteWithAnIdIsAnErrorUntilItGoes() throws {
        let session = try Session(Self.files.merging(["pages/plan.md": "---\ntitle: Plan\n---\n"]) { $1 })
        // Listed before `wins/`, so it is the one kept.
        try session.write("pages/2026-05-20-record.md", "---\ntitle: Copy\ntype: win\ndate: 2026-05-21\n---\n")
        let (twice, _) = session.reload()
        #expect(twice.lines == ["content/wins/2026-05-20-record.md:1:1: error: another win has the id '2026-05-20-record': content/pages/2026-05-20-record.md"])
        try session.remove("pages/2026-05-20-record.md")
        let (once, _) = session.reload()
        #expect(once.lines == [])
        #expect(once.portal?.note(NoteRef(kind: .win, id: "2026-05-20-record"))?.title == "Record")
    }
}
