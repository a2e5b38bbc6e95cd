import Testing

@testable import RapportCore

/// A note reference hashes its kind and id once; sets and tables must still tell every
/// reference apart by both, and find each by an equal one made afresh.
@Suite struct NoteRefTests {
    @Test func referencesAreEqualByKindAndId() {
        let meeting = NoteRef(kind: .meeting, id: "2026-01-05-weekly")
        #expect(meeting == NoteRef(kind: .meeting, id: "2026-01-05-weekly"))
        #expect(meeting != NoteRef(kind: .win, id: "2026-01-05-weekly"))
        #expect(meeting != NoteRef(kind: .meeting, id: "2026-01-05-weekly-2"))
        #expect(Set([meeting, NoteRef(kind: .win, id: meeting.id), NoteRef(kind: .meeting, id: meeting.id)]).count == 2)
    }

    @Test func aTableOfManyReferencesFindsEachByAFreshCopy() {
        let ids = (0..<5_000).map { "2026-\($0 % 12 + 1)-\($0)-weekly-check-in-é\($0 % 7)" }
        var table: [NoteRef: Int] = [:]
        for (index, id) in ids.enumerated() { table[NoteRef(kind: index % 2 == 0 ? .meeting : .win, id: id)] = index }
        #expect(table.count == ids.count)
        #expect(ids.indices.allSatisfy { table[NoteRef(kind: $0 % 2 == 0 ? .meeting : .win, id: ids[$0])] == $0 })
        #expect(ids.indices.allSatisfy { table[NoteRef(kind: $0 % 2 == 0 ? .win : .meeting, id: ids[$0])] == nil })
    }
}
