import Testing

@testable import RapportCore

/// Action items: owner, due date, done, overdue (CONTENT-MODEL "Action items").
@Suite struct ActionItemTests {
    @Test(arguments: [
        ("@ana send the pack", "ana"),
        ("send the pack to @raj, please", "raj"),
        ("mail ana@example.com about it", nil),
        ("mail ana@example.com, then @raj decides", "raj"),
        ("x@ana 1@ana", nil),
        ("(@ana) and @raj", "ana"),
        ("_@ana_", "ana_"),
        ("done by @raj.", "raj"),
        ("done by @raj.m.", "raj.m"),
        ("owner @li-- later", "li"),
        ("@Ana_2-b: check", "Ana_2-b"),
        ("@ or @. then @ana", "ana"),
        ("@ána", nil),
        ("nobody", nil),
    ] as [(String, String?)])
    func theOwnerIsTheFirstHandle(text: String, owner: String?) {
        #expect(ActionText.owner(in: text) == owner)
    }

    @Test(arguments: [
        ("@raj update (due 2026-03-11)", "2026-03-11"),
        ("(due 2026-03-11) then (due 2026-04-01)", "2026-03-11"),
        ("(due soon) or (due 2026-04-01)", "2026-04-01"),
        ("(Due 2026-03-11)", nil),
        ("due 2026-03-11", nil),
        ("(due 2026-3-11)", nil),
        ("(due  2026-03-11)", nil),
        ("(due 2026-03-11 )", nil),
        ("(due: 2026-03-11)", nil),
        ("((due 2026-03-11)", "2026-03-11"),
        ("é ends in (due 2026-03-11)", "2026-03-11"),
        ("ends too soon (due 2026-03-1", nil),
        ("(due 2026-03-11", nil),
    ] as [(String, String?)])
    func theDueDateIsTheFirstDueWrittenJustSo(text: String, due: String?) {
        #expect(ActionText.due(in: text)?.description == due)
    }

    @Test func ownerInEmphasisAndDueOnAContinuationLineAreFound() throws {
        let folder = try ContentFolder([
            "meetings/m.md": meetingNote("2026-03-02", "- [ ] *@ana* to send the revised pack\n  to finance (due 2026-03-11)\n- [x] **@raj,** confirm\n")
        ])
        let actions = try #require(folder.analysis(asOf: "2026-03-20")?.actions)
        #expect(actions.map(\.owner) == ["ana", "raj"])
        #expect(actions.map(\.text) == ["@ana to send the revised pack to finance (due 2026-03-11)", "@raj, confirm"])
        #expect(actions.map { $0.due?.description } == ["2026-03-11", nil])
    }

    @Test func doneComesFromTheOwnMarkerAndOverdueFromTheAsOfDate() throws {
        let body = """
            - [ ] @ana due yesterday (due 2026-03-10)
            - [ ] @ana due today (due 2026-03-11)
            - [x] @ana done and past due (due 2026-03-01)
            - [ ] @ana tick the [x] box (due 2026-03-01)
            - [X] @raj done without a date
            - [ ] @raj open without a date
            """
        let folder = try ContentFolder(["meetings/m.md": meetingNote("2026-03-02", body)])
        let actions = try #require(folder.analysis(asOf: "2026-03-11")?.actions)
        #expect(actions.map(\.done) == [false, false, true, false, true, false])
        #expect(actions.map(\.overdue) == [true, false, false, true, false, false])
        #expect(actions.map(\.line) == [6, 7, 8, 9, 10, 11])
    }

    @Test func anUnknownHandleIsAWarningAtTheItemsLine() throws {
        let folder = try ContentFolder([
            "meetings/m.md": meetingNote("2026-03-02", "Intro.\n\n  - [ ] @zed call the carrier\n- [ ] @ana fine\n")
        ])
        let result = folder.load()
        #expect(result.portal != nil)
        #expect(
            result.lines == [
                "content/meetings/m.md:8:3: warning: unknown person '@zed' owns an action: add them to people in portal.yaml"
            ])
        #expect(try #require(folder.analysis()).actions.map(\.owner) == ["zed", "ana"])
    }

    @Test func anImpossibleDueDateIsAnErrorAtTheItemsLine() throws {
        let folder = try ContentFolder(["meetings/m.md": meetingNote("2026-03-02", "- [ ] @ana pay (due 2026-02-30)\n")])
        #expect(
            folder.load().lines == ["content/meetings/m.md:6:1: error: due date '2026-02-30' is not a date on the calendar"])
    }

    @Test func onlyMeetingsHaveActionsAndNotInQuotesOrCode() throws {
        let folder = try ContentFolder([
            "meetings/m.md": meetingNote("2026-03-02", "> - [ ] @ana quoted\n\n```\n- [ ] @ana code\n```\n\n- [ ] @raj real\n"),
            "wins/w.md": "---\ntitle: W\ndate: 2026-03-03\n---\n- [ ] @ana not an action\n",
            "pages/p.md": "---\ntitle: P\n---\n- [ ] @ana not an action\n",
        ])
        let actions = try #require(folder.analysis()?.actions)
        #expect(actions.map(\.text) == ["@raj real"])
    }

    @Test func actionsAndDecisionsAreOrderedByMeetingDateThenIdThenPosition() throws {
        let folder = try ContentFolder([
            "meetings/b.md": meetingNote("2026-03-02", "- [ ] b1\n\n## Decisions\n\n- b decided\n\n## Later\n\n- [ ] b2\n"),
            "meetings/a.md": meetingNote("2026-03-02", "## Decisions\n\n- a decided\n- a again\n\n## Actions\n\n- [ ] a1\n  - [ ] a1.1\n- [ ] a2\n"),
            "meetings/z.md": meetingNote("2026-01-15", "- [ ] z1\n\n# Decisions\n\n- z decided\n"),
        ])
        let analysis = try #require(folder.analysis())
        #expect(analysis.actions.map(\.text) == ["z1", "a1", "a1.1", "a2", "b1", "b2"])
        #expect(analysis.actions.map(\.meeting.id) == ["z", "a", "a", "a", "b", "b"])
        #expect(analysis.decisions.map(\.text) == ["z decided", "a decided", "a again", "b decided"])
        #expect(analysis.decisions.map { $0.date.description } == ["2026-01-15", "2026-03-02", "2026-03-02", "2026-03-02"])
        #expect(analysis.actions.map { $0.quarter.description } == ["2026-Q1", "2026-Q1", "2026-Q1", "2026-Q1", "2026-Q1", "2026-Q1"])
    }

    @Test func attendeesMayBeQuotedWithAnAtSign() throws {
        let folder = try ContentFolder([
            "meetings/m.md": meetingNote("2026-03-02", "Body\n", extra: "attendees: [\"@ana\", raj, \"@nobody\"]\n")
        ])
        let result = folder.load()
        #expect(
            result.lines == [
                "content/meetings/m.md:4:26: warning: unknown person '@nobody': add them to people in portal.yaml"
            ])
        guard case .meeting(let meeting)? = result.portal?.notes.first?.details else {
            Issue.record("no meeting")
            return
        }
        #expect(meeting.attendees == ["ana", "raj", "nobody"])
    }
}
