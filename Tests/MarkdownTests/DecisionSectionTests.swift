import Markdown
import Testing

/// The decision register reads "Decisions" sections (CONTENT-MODEL "Decisions").
@Suite struct DecisionSectionTests {
    private func decisions(_ markdown: String) -> [String] { MarkdownDocument(markdown).decisionItems().map(\.text) }

    @Test func eachItemOfAListInTheSectionIsOneDecision() {
        let items = MarkdownDocument(
            """
            # Weekly check-in

            ## Decisions

            - Move the **calibration** to Thursdays
            - Keep `chat` hours
              as they are

            Some closing words.

            1. An ordered list counts too
            """
        ).decisionItems()
        #expect(items.map(\.text) == ["Move the calibration to Thursdays", "Keep chat hours as they are", "An ordered list counts too"])
        #expect(items.map(\.line) == [5, 6, 11])
    }

    @Test(arguments: [
        "# Decisions", "## Decisions", "###### Decisions", "## decisions", "## DECISIONS", "## DeCiSiOnS",
        "## Decisions ##", "## Decisions #####   ", "##   Decisions   ", "Decisions\n=========", "Decisions\n---------",
    ])
    func anyLevelAnyCaseAndClosingHashesOpenTheSection(heading: String) {
        #expect(decisions("\(heading)\n\n- Agreed\n") == ["Agreed"])
    }

    @Test(arguments: [
        "## Pending decisions", "## Decisions made", "## Decisions:", "## No decisions", "## Decision",
        "## Decisions and actions",
    ])
    func anyOtherHeadingTextDoesNotOpenTheSection(heading: String) {
        #expect(decisions("\(heading)\n\n- Not a decision\n").isEmpty)
    }

    @Test func theSectionRunsToTheNextHeadingOfTheSameOrAHigherLevel() {
        let markdown = """
            ## Decisions

            - first

            ### Detail under the decisions

            - second

            ## Action items

            - not a decision

            ### Decisions

            - third

            # Higher level closes it

            - not a decision either
            """
        #expect(decisions(markdown) == ["first", "second", "third"])
    }

    @Test func aNestedDecisionsHeadingDoesNotCutTheOuterSectionShort() {
        let markdown = """
            ## Decisions

            ### Decisions

            - first

            ### Other

            - still in the level-two section

            ## Next

            - not a decision
            """
        #expect(decisions(markdown) == ["first", "still in the level-two section"])
    }

    @Test func nestedListsArePartOfTheirParentDecision() {
        let markdown = """
            ## Decisions

            - Extend chat hours
              - from 20:00 to 22:00
              - starting in November
            - Freeze the IVR menu
            """
        #expect(decisions(markdown) == ["Extend chat hours", "Freeze the IVR menu"])
    }

    @Test func aHeadingInsideABlockQuoteDoesNotOpenASection() {
        let markdown = """
            > ## Decisions
            >
            > - quoted, not a decision

            - not a decision
            """
        #expect(decisions(markdown).isEmpty)
    }

    @Test func aHeadingInsideAListDoesNotOpenASection() {
        let markdown = """
            - ## Decisions

              - inside the list item

            - a sibling item
            """
        #expect(decisions(markdown).isEmpty)
    }

    @Test func listsInsideBlockQuotesOfTheSectionDoNotCount() {
        let markdown = """
            ## Decisions

            > - quoted

            - counted
            """
        #expect(decisions(markdown) == ["counted"])
    }

    @Test func aTaskItemStandingInTheSectionIsADecisionAndATask() {
        let document = MarkdownDocument("## Decisions\n\n- Adopt the new rota\n\n- [ ] @raj publish it\n")
        #expect(document.decisionItems().map(\.text) == ["Adopt the new rota", "@raj publish it"])
        #expect(document.taskItems().map(\.text) == ["@raj publish it"])
    }

    @Test func aDocumentWithoutTheSectionHasNoDecisions() {
        #expect(decisions("- a list\n- with items\n\nDecisions\n\n- not under a heading\n").isEmpty)
    }
}
