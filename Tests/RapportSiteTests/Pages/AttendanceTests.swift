import Testing

@testable import RapportCore
@testable import RapportSite

/// Person pages find their meetings in bits made once per build: one per person of the
/// configuration, more than one word of them when there are more than 64 people.
@Suite struct AttendanceTests {
    private func meeting(_ id: String, _ attendees: [String]) -> Note {
        Note(
            ref: NoteRef(kind: .meeting, id: id), path: "meetings/\(id).md", title: id, date: Day(year: 2026, month: 3, day: 2),
            tags: [], visibility: .shared, isDraft: false, params: [],
            body: NoteBody(html: "", plainText: "", tasks: [], decisions: []),
            details: .meeting(MeetingDetails(meetingKind: nil, attendees: attendees)))
    }

    @Test func eachPersonGetsTheMeetingsTheyAttendInOrder() {
        let meetings = [
            meeting("a", ["ana", "raj"]), meeting("b", ["raj", "raj"]), meeting("c", ["someone-else"]),
            meeting("d", []), meeting("e", ["ana"]),
        ]
        let attendance = SiteModel.Attendance(meetings: meetings, people: ["ana", "raj", "li"])
        #expect(attendance.meetings(attendedBy: "ana") == [0, 4])
        #expect(attendance.meetings(attendedBy: "raj") == [0, 1])  // listed twice, found once
        #expect(attendance.meetings(attendedBy: "li") == [])
        #expect(attendance.meetings(attendedBy: "someone-else") == [])  // not in the configuration
    }

    @Test func moreThanSixtyFourPeopleUseMoreWordsAndAHashedLookup() {
        let people = (0..<130).map { "p\($0)" }
        let meetings = [
            meeting("a", ["p0", "p64", "p129"]), meeting("b", ["p63", "p65"]), meeting("c", ["p129"]), meeting("d", ["p1"]),
        ]
        let attendance = SiteModel.Attendance(meetings: meetings, people: people)
        #expect(attendance.meetings(attendedBy: "p0") == [0])
        #expect(attendance.meetings(attendedBy: "p63") == [1])
        #expect(attendance.meetings(attendedBy: "p64") == [0])
        #expect(attendance.meetings(attendedBy: "p65") == [1])
        #expect(attendance.meetings(attendedBy: "p129") == [0, 2])
        #expect(attendance.meetings(attendedBy: "p1") == [3])
        #expect(attendance.meetings(attendedBy: "p2") == [])
    }
}
