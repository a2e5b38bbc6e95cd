import Markdown
import Testing

/// Task items are the action tracker's source: what counts as a task, whether it is done,
/// and what its text is (CONTENT-MODEL "Action items").
@Suite struct TaskItemTests {
    private func tasks(_ markdown: String) -> [TaskItem] { MarkdownDocument(markdown).taskItems() }

    @Test func doneStateComesFromTheItemsOwnMarker() {
        let found = tasks(
            """
            - [x] lower-case x
            - [X] upper-case X
            - [ ] open
            """)
        #expect(found.map(\.isChecked) == [true, true, false])
        #expect(found.map(\.text) == ["lower-case x", "upper-case X", "open"])
        #expect(found.map(\.line) == [1, 2, 3])
        #expect(found.map(\.column) == [1, 1, 1])
    }

    @Test func anXLaterInTheTextDoesNotTickTheItem() {
        let found = tasks("- [ ] tick the [x] box\n- [ ] and [X] this one\n")
        #expect(found.map(\.isChecked) == [false, false])
        #expect(found.first?.text == "tick the [x] box")
    }

    @Test func renderedCheckboxesFollowTheOwnMarker() {
        let document = MarkdownDocument("- [ ] tick the [x] box\n- [x] really done\n")
        _ = document.taskItems(correctingCheckboxes: true)
        let html = document.html()
        #expect(
            html == """
                <ul>
                <li><input type="checkbox" disabled="" /> tick the [x] box</li>
                <li><input type="checkbox" checked="" disabled="" /> really done</li>
                </ul>

                """)
    }

    @Test func everyListMarkerKindCarriesTasks() {
        let found = tasks("* [x] star\n\n+ [ ] plus\n\n1. [X] dot\n\n2) [ ] paren\n")
        #expect(found.map(\.text) == ["star", "plus", "dot", "paren"])
        #expect(found.map(\.isChecked) == [true, false, true, false])
    }

    @Test func itemsInCodeBlocksAreNotTasks() {
        let found = tasks(
            """
            ```
            - [ ] fenced
            ```

                - [x] indented code

            ~~~markdown
            - [x] tilde fence
            ~~~
            """)
        #expect(found.isEmpty)
    }

    @Test func itemsInBlockQuotesAreNotTasks() {
        let found = tasks(
            """
            > - [ ] quoted
            > - [x] quoted and done

            - > - [ ] a quote inside a list item

            - [ ] the only real one
            """)
        #expect(found.map(\.text) == ["the only real one"])
        #expect(found.map(\.line) == [6])
    }

    @Test func nestedTaskItemsAreFoundAtAnyDepth() {
        let found = tasks(
            """
            - [ ] level one
              - [x] level two
                - [ ] level three
                  1. [X] level four
            - plain item
              - [ ] task under a plain item
            """)
        #expect(found.map(\.text) == ["level one", "level two", "level three", "level four", "task under a plain item"])
        #expect(found.map(\.isChecked) == [false, true, false, true, false])
        #expect(found.map(\.line) == [1, 2, 3, 4, 6])
        #expect(found.map(\.column) == [1, 3, 5, 7, 3])
    }

    @Test func aTabIndentedNestedItemReadsItsOwnMarker() {
        let found = tasks("- parent\n\t- [x] tabbed child\n")
        #expect(found.map(\.text) == ["tabbed child"])
        #expect(found.map(\.isChecked) == [true])
    }

    @Test func textIsThePlainTextOfTheFirstParagraph() {
        let found = tasks(
            """
            - [ ] **Send** the _revised_ `SOP` to [Ana](https://example.com) ~~today~~ now
            - [ ] first line
              continues here  \\
              and after a hard break
            - [ ] only the first paragraph

              not this one
              - [ ] but this nested task is its own item
            """)
        #expect(
            found.map(\.text) == [
                "Send the revised SOP to Ana today now",
                "first line continues here and after a hard break",
                "only the first paragraph",
                "but this nested task is its own item",
            ])
    }

    @Test func softBreaksBecomeOneSpace() {
        let found = tasks("- [ ] @raj update the matrix\n  (due 2026-03-11)\n")
        #expect(found.map(\.text) == ["@raj update the matrix (due 2026-03-11)"])
    }

    @Test func aBracketThatIsNotATaskMarkerIsNotATask() {
        let found = tasks("- [y] not a task\n- [] not a task\n- text [x] not a task\n")
        #expect(found.isEmpty)
    }
}
