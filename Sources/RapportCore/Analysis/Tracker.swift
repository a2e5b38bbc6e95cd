/// One action item from a meeting's task list. A class, like `Note`: trackers sort and
/// filter thousands of them.
public final class ActionItem: Sendable, Equatable {
    public let meeting: NoteRef
    public let meetingTitle: String
    public let date: Day
    public let quarter: Quarter
    /// The owner's handle without `@`; nil when the text names nobody.
    public let owner: String?
    public let text: String
    public let due: Day?
    public let done: Bool
    /// Not done and due before the as-of date.
    public let overdue: Bool
    /// Where the item is written in the meeting note.
    public let line: Int

    public init(
        meeting: NoteRef, meetingTitle: String, date: Day, quarter: Quarter, owner: String?, text: String, due: Day?,
        done: Bool, overdue: Bool, line: Int
    ) {
        self.meeting = meeting
        self.meetingTitle = meetingTitle
        self.date = date
        self.quarter = quarter
        self.owner = owner
        self.text = text
        self.due = due
        self.done = done
        self.overdue = overdue
        self.line = line
    }

    /// Equal when every value is (two analyses made the same item apart).
    public static func == (lhs: ActionItem, rhs: ActionItem) -> Bool {
        (lhs.meeting, lhs.meetingTitle, lhs.date, lhs.quarter, lhs.owner, lhs.text)
            == (rhs.meeting, rhs.meetingTitle, rhs.date, rhs.quarter, rhs.owner, rhs.text)
            && (lhs.due, lhs.done, lhs.overdue, lhs.line) == (rhs.due, rhs.done, rhs.overdue, rhs.line)
    }
}

/// One decision from a meeting's "Decisions" section.
public final class Decision: Sendable, Equatable {
    public let meeting: NoteRef
    public let meetingTitle: String
    public let date: Day
    public let quarter: Quarter
    public let text: String
    public let line: Int

    public init(meeting: NoteRef, meetingTitle: String, date: Day, quarter: Quarter, text: String, line: Int) {
        self.meeting = meeting
        self.meetingTitle = meetingTitle
        self.date = date
        self.quarter = quarter
        self.text = text
        self.line = line
    }

    /// Equal when every value is (two analyses made the same decision apart).
    public static func == (lhs: Decision, rhs: Decision) -> Bool {
        (lhs.meeting, lhs.meetingTitle, lhs.date, lhs.quarter, lhs.text, lhs.line)
            == (rhs.meeting, rhs.meetingTitle, rhs.date, rhs.quarter, rhs.text, rhs.line)
    }
}

/// Feedback counts of one side: how much was positive and how much constructive.
public struct FeedbackCounts: Sendable, Equatable {
    public var positive = 0
    public var constructive = 0

    public init(positive: Int = 0, constructive: Int = 0) {
        self.positive = positive
        self.constructive = constructive
    }
}

/// What happened in one quarter, in counts.
public struct QuarterSummary: Sendable, Equatable {
    public let quarter: Quarter
    public let firstDay: Day
    public let lastDay: Day
    public var meetings = 0
    public var wins = 0
    public var decisions = 0
    public var actionsOpened = 0
    public var actionsDone = 0
    public var actionsOverdue = 0
    public var feedbackFromClient = FeedbackCounts()
    public var feedbackFromProvider = FeedbackCounts()
    public var changes = 0
}
