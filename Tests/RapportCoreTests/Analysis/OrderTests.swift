import Testing

@testable import RapportCore

/// Every list has a total order, so builds repeat exactly (CONTENT-MODEL "Order").
@Suite struct OrderTests {
    @Test func kpisAreOrderedById() throws {
        let folder = try ContentFolder([
            "kpis/zeta.md": kpiNote("unit: x", title: "A first by title"),
            "kpis/b-10.md": kpiNote("unit: x", title: "B ten"),
            "kpis/b-9.md": kpiNote("unit: x", title: "B nine"),
            "kpis/alpha.md": kpiNote("unit: x", title: "Z last by title"),
            "kpis/Beta.md": kpiNote("unit: x", title: "Capital"),
        ])
        let analysis = try #require(folder.analysis())
        #expect(analysis.kpis.map(\.id) == ["Beta", "alpha", "b-10", "b-9", "zeta"])
    }

    @Test func measurementsAreOrderedByPeriodStartAcrossFrontMatterAndCSV() throws {
        let folder = try ContentFolder([
            "kpis/k.md": kpiNote("frequency: weekly\nmeasurements:\n  2026-W02: 2\n  2025-W52: 0"),
            "kpis/k.csv": "period,value\n2026-W10,4\n2026-01-01,1\n2026-W05,3\n",
        ])
        let kpi = try #require(folder.analysis()?.kpi("k"))
        #expect(kpi.measurements.map(\.period.description) == ["2025-W52", "2026-W01", "2026-W02", "2026-W05", "2026-W10"])
        #expect(kpi.measurements.map(\.value) == [0, 1, 2, 3, 4])
    }

    @Test func quarterRollUpsAndSummariesAreOldestFirstAcrossFiscalYears() throws {
        let portal = ContentFolder.portal.replacingOccurrences(of: "fiscal_year_start: 1", with: "fiscal_year_start: 10")
        let folder = try ContentFolder(
            [
                "kpis/k.md": kpiNote("measurements:\n  2027-01: 3\n  2026-09: 1\n  2026-10: 2"),
                "meetings/m.md": meetingNote("2026-08-01", "Body\n"),
            ], portal: portal)
        let analysis = try #require(folder.analysis(asOf: "2027-01-31"))
        #expect(analysis.kpi("k")?.quarters.map(\.quarter.description) == ["2025-Q4", "2026-Q1", "2026-Q2"])
        #expect(analysis.quarters.map(\.quarter.description) == ["2025-Q4", "2026-Q1", "2026-Q2"])
    }

    @Test func notesAreOrderedByKindThenIdWhateverOrderTheyArriveIn() throws {
        // Folders list in another order than kinds sort in (changes, kpis, meetings, wins),
        // and ids sort as strings ("m10" before "m9", capitals first).
        let folder = try ContentFolder([
            "wins/w.md": "---\ntitle: W\ndate: 2026-05-20\n---\n",
            "changes/c.md": "---\ntitle: C\ndate: 2026-05-20\n---\n",
            "meetings/m9.md": meetingNote("2026-01-01", "Body\n"),
            "meetings/m10.md": meetingNote("2026-01-02", "Body\n"),
            "meetings/M1.md": meetingNote("2026-01-03", "Body\n"),
            "kpis/k.md": kpiNote("unit: x"),
        ])
        let portal = try #require(folder.load().portal)
        let expected = ["meetings/M1", "meetings/m10", "meetings/m9", "kpis/k", "wins/w", "changes/c"]
        #expect(portal.notes.map(\.ref.description) == expected)
        // The same notes handed over in any order give the same portal.
        let reversed = Portal(config: portal.config, notes: portal.notes.reversed())
        #expect(reversed.notes.map(\.ref.description) == expected)
        #expect(reversed.notes(of: .meeting).map(\.id) == ["M1", "m10", "m9"])
        #expect(reversed.notes(of: .page).isEmpty)
        #expect(reversed.note(NoteRef(kind: .win, id: "w"))?.title == "W")
    }

    @Test func kindsSortInTheOrderTheyAreListed() {
        for (left, first) in NoteKind.allCases.enumerated() {
            for (right, second) in NoteKind.allCases.enumerated() {
                #expect((first < second) == (left < right), "\(first) < \(second)")
            }
        }
    }

    @Test func theSameContentGivesTheSameOrderEveryTime() throws {
        var files: [String: String] = [:]
        for index in 0..<30 {
            files["meetings/m\(index).md"] = meetingNote("2026-0\(index % 3 + 1)-10", "- [ ] @ana item \(index)\n\n## Decisions\n\n- decision \(index)\n")
        }
        let folder = try ContentFolder(files)
        let first = try #require(folder.analysis())
        let second = try #require(folder.analysis())
        #expect(first.actions.map(\.text) == second.actions.map(\.text))
        #expect(first.actions.map(\.meeting.id).prefix(3) == ["m0", "m12", "m15"])
        #expect(first.decisions.map(\.text) == second.decisions.map(\.text))
    }
}

/// The dashboard takes its first few meetings and wins without sorting all of them: it must
/// pick exactly what sorting and cutting would.
@Suite struct FirstElementsTests {
    @Test(arguments: [0, 1, 5, 40])
    func theFirstElementsAreThoseOfTheSortedArray(count: Int) {
        var seed: UInt64 = 42
        for _ in 0..<200 {
            let length = Int(next(&seed) % 30)
            // Pairs with many equal keys: a stable sort keeps equal keys in input order.
            let items = (0..<length).map { index in (key: Int(next(&seed) % 6), index: index) }
            let expected = Array(items.sorted { $0.key < $1.key }.prefix(count))
            let picked = items.first(count) { $0.key < $1.key }
            #expect(picked.map(\.index) == expected.map(\.index), "\(items)")
        }
    }

    private func next(_ state: inout UInt64) -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
}
