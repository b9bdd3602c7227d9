"""The toolbox's words: the Markdown files they are written in, the command that loads them
into the database, and what the shipped pages say."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from toolbox.loading import CONTENT_DIR, ContentError, read_content
from toolbox.models import Guide, Point, Stage, Tool
from toolbox.worksheet_kinds import URGE_LOG, WorksheetKind

TOOLS_AND_WORKSHEETS = {
    "Cost/Benefit Analysis": WorksheetKind.CBA,
    "Change Plan": WorksheetKind.CHANGE_PLAN,
    "Hierarchy of Values": WorksheetKind.HOV,
    "Urge Log": URGE_LOG,
    "DISARM": WorksheetKind.DISARM,
    "DEADS": WorksheetKind.DEADS,
    "ABC (REBT)": WorksheetKind.ABC,
    "Disputing Irrational Beliefs (DIBs)": WorksheetKind.ABC,
    "Problem Solving": WorksheetKind.PROBLEM_SOLVING,
    "Brainstorming": "",
    "Role-play and Rehearsal": "",
    "Unconditional Acceptance": WorksheetKind.ACCEPTANCE,
    "Lifestyle Balance Pie": WorksheetKind.BALANCE_PIE,
    "VACI (Vital Absorbing Creative Interest)": WorksheetKind.VACI,
    "Journaling": WorksheetKind.JOURNAL,
    "Triggers": WorksheetKind.TRIGGERS,
    "Plan Your Week": WorksheetKind.WEEK_PLAN,
    "Goal Setting": WorksheetKind.GOALS,
    "Practice Self-Compassion": "",
}
TOOLS = len(TOOLS_AND_WORKSHEETS)
# Pages written in another language too (toolbox/content/<language>/).
TRANSLATIONS = len(read_content().translations)
PLACEHOLDERS = re.compile(r"lorem|ipsum|todo|tbd|coming soon|placeholder|xxx", re.IGNORECASE)


@pytest.fixture
def loaded(db) -> None:
    """The database as the site shows it once `load_toolbox` has run: the files' words."""
    call_command("load_toolbox", stdout=StringIO())


@pytest.fixture
def files(tmp_path) -> Path:
    """A copy of the toolbox's files to edit."""
    return Path(shutil.copytree(CONTENT_DIR, tmp_path / "content"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1))


def load_toolbox(*args: str) -> str:
    out = StringIO()
    call_command("load_toolbox", *args, stdout=out)
    return out.getvalue()


def problems_in(folder: Path) -> str:
    with pytest.raises(ContentError) as error:
        read_content(folder)
    return str(error.value)


def tools_of(stage_slug: str) -> set[str]:
    return set(Stage.objects.get(slug=stage_slug).tools.values_list("title", flat=True))


# What the pages say, once the files are loaded -----------------------------------------------


@pytest.mark.usefixtures("loaded")
def test_it_has_the_four_points_in_order():
    assert list(Point.objects.values_list("number", "title")) == [
        (1, "Building and Maintaining Motivation"),
        (2, "Coping with Urges"),
        (3, "Managing Thoughts, Feelings and Behaviors"),
        (4, "Living a Balanced Life"),
    ]


@pytest.mark.usefixtures("loaded")
def test_it_has_every_tool_with_its_worksheet():
    assert dict(Tool.objects.values_list("title", "worksheet")) == TOOLS_AND_WORKSHEETS


@pytest.mark.usefixtures("loaded")
def test_it_has_the_seven_stages_of_change_in_order():
    assert list(Stage.objects.values_list("order", "title")) == [
        (1, "Precontemplation"),
        (2, "Contemplation"),
        (3, "Determination/Preparation"),
        (4, "Action"),
        (5, "Maintenance"),
        (6, "Relapse"),
        (7, "Termination"),
    ]


@pytest.mark.usefixtures("loaded")
def test_every_tool_sits_on_a_point_and_suits_a_stage():
    for tool in Tool.objects.with_links():
        assert tool.points.exists(), tool
        assert tool.stages.exists(), tool


@pytest.mark.usefixtures("loaded")
def test_every_point_and_stage_has_tools():
    for item in [*Point.objects.all(), *Stage.objects.all()]:
        assert item.tools.exists(), item


@pytest.mark.usefixtures("loaded")
def test_each_stage_has_the_tools_that_fit_it():
    assert "Cost/Benefit Analysis" in tools_of("contemplation")
    assert "Change Plan" in tools_of("preparation")
    assert {"Urge Log", "DISARM", "DEADS", "ABC (REBT)", "Problem Solving"} <= tools_of("action")
    assert {"Lifestyle Balance Pie", "Hierarchy of Values"} <= tools_of("maintenance")
    assert {"Cost/Benefit Analysis", "Change Plan"} <= tools_of("relapse")


@pytest.mark.usefixtures("loaded")
def test_relapse_is_described_as_learning_and_never_as_failure():
    relapse = Stage.objects.get(slug="relapse")

    assert "learn" in relapse.summary
    assert "not a failure" in relapse.feels_like
    assert "part of how change works" in relapse.feels_like


@pytest.mark.usefixtures("loaded")
def test_deads_teaches_the_programs_current_letters_and_notes_the_classic_ones():
    deads = Tool.objects.get(slug="deads")

    assert "Deny, Escape, Accept, Dispute and Substitute" in deads.summary
    letters = re.findall(r"<strong>(\w+)\.</strong>", deads.body_html)
    assert letters == ["Deny", "Escape", "Accept", "Dispute", "Substitute"]
    classic = "Deny or Delay, Escape, Avoid (also Accept or Attack), Distract, Substitute"
    assert classic in " ".join(deads.body.split())


@pytest.mark.usefixtures("loaded")
def test_disarm_has_the_programs_one_expansion_and_speaks_of_images_too():
    disarm = Tool.objects.get(slug="disarm")
    expansion = "Destructive Images and Self-talk Awareness and Refusal Method"

    assert expansion in disarm.summary
    assert expansion in " ".join(disarm.body.split())
    assert "Imagery" not in disarm.summary + disarm.body
    assert "pictures" in " ".join(disarm.step_list)


@pytest.mark.usefixtures("loaded")
def test_the_relapse_stage_says_how_the_models_authors_count_stages_and_place_relapse():
    text = " ".join(Stage.objects.get(slug="relapse").feels_like.split())

    # Prochaska, DiClemente & Norcross (1992), "In search of how people change".
    assert "James Prochaska, Carlo DiClemente and John Norcross, describe five stages" in text
    assert "counts that ending, termination, as a sixth stage" in text
    assert "not as a stage of its own but as a slide back to an earlier one" in text


@pytest.mark.usefixtures("loaded")
def test_termination_speaks_of_graduating_and_moving_on():
    termination = Stage.objects.get(slug="termination")

    assert "graduate and move on" in termination.summary
    assert "call this graduating" in " ".join(termination.feels_like.split())


@pytest.mark.usefixtures("loaded")
def test_the_change_plan_links_to_goal_setting():
    change_plan = Tool.objects.get(slug="change-plan")

    assert 'href="/toolbox/tools/goal-setting/"' in change_plan.body_html


@pytest.mark.usefixtures("loaded")
def test_unconditional_acceptance_covers_self_others_and_life():
    tool = Tool.objects.get(slug="unconditional-self-acceptance")
    text = " ".join(tool.body.split())

    assert "Accept yourself, other people and life" in tool.summary
    for words in (
        "Unconditional self-acceptance",
        "Unconditional acceptance of others",
        "Unconditional acceptance of life",
        # Albert Ellis's own terms.
        "unconditional self-acceptance (USA)",
        "unconditional other-acceptance (UOA)",
        "unconditional life-acceptance (ULA)",
    ):
        assert words in text


@pytest.mark.usefixtures("loaded")
def test_every_tool_has_a_summary_a_body_of_paragraphs_and_three_to_seven_steps():
    for tool in Tool.objects.all():
        assert len(tool.summary) > 40, tool
        assert tool.body_html.count("<p>") >= 3, tool
        assert 3 <= len(tool.step_list) <= 7, tool


@pytest.mark.usefixtures("loaded")
def test_every_stage_says_what_it_feels_like_and_what_helps():
    for stage in Stage.objects.all():
        assert stage.feels_like_html.count("<p>") >= 2, stage
        assert stage.what_helps_html.count("<li>") >= 3, stage


@pytest.mark.usefixtures("loaded")
def test_every_point_has_an_introduction():
    for point in Point.objects.all():
        assert point.intro_html.count("<p>") >= 3, point


@pytest.mark.usefixtures("loaded")
def test_no_text_is_a_placeholder():
    texts = [
        *Point.objects.values_list("summary", "intro"),
        *Stage.objects.values_list("summary", "feels_like", "what_helps"),
        *Tool.objects.values_list("summary", "body", "steps"),
    ]
    for text in (field for row in texts for field in row):
        assert not PLACEHOLDERS.search(text), text


@pytest.mark.usefixtures("loaded")
def test_the_shipped_content_is_rendered_exactly_as_saving_would_render_it():
    for model in (Point, Stage, Tool, Guide):
        for item in model.objects.all():
            before = {f.name: getattr(item, f.name) for f in model._meta.concrete_fields}
            item.save()
            item.refresh_from_db()
            after = {f.name: getattr(item, f.name) for f in model._meta.concrete_fields}
            assert after == before, item


@pytest.mark.usefixtures("loaded")
def test_the_shipped_content_is_searchable():
    for model in (Point, Stage, Tool, Guide):
        assert not model.objects.filter(search_vector=None).exists()


# The files ------------------------------------------------------------------------------------


def test_the_files_hold_four_points_seven_stages_and_every_tool():
    content = read_content()

    assert [record.slug for record in content["point"]] == [
        "building-motivation",
        "coping-with-urges",
        "managing-thoughts-feelings-behaviors",
        "living-a-balanced-life",
    ]
    assert len(content["stage"]) == 7
    assert len(content["tool"]) == TOOLS


def test_a_tool_file_gives_its_fields_its_links_and_its_steps_one_per_numbered_item():
    abc = next(record for record in read_content()["tool"] if record.slug == "abc")

    assert abc.fields["order"] == 70
    assert abc.fields["title"] == "ABC (REBT)"
    assert abc.fields["worksheet"] == "abc"
    assert abc.links == {
        "points": ["managing-thoughts-feelings-behaviors"],
        "stages": ["action", "maintenance", "relapse"],
    }
    assert abc.fields["body"].startswith("The ABC tool comes from rational emotive")
    assert "## How to use it" not in abc.fields["body"]
    steps = abc.fields["steps"].splitlines()
    assert len(steps) == 6
    # A step wrapped over two lines in the file is one step.
    assert steps[4].endswith("What would I say to a friend who believed it?")


def test_a_stage_file_has_what_it_feels_like_and_what_helps_under_their_headings():
    relapse = next(record for record in read_content()["stage"] if record.slug == "relapse")

    assert relapse.fields["feels_like"].startswith("You may have slipped once")
    assert relapse.fields["what_helps"].startswith("- Being as kind to yourself")
    assert "##" not in relapse.fields["feels_like"] + relapse.fields["what_helps"]


def rename(old: str, new: str):
    return lambda folder: (folder / old).rename(folder / new)


def replace(name: str, old: str, new: str):
    return lambda folder: edit(folder / name, old, new)


MALFORMED = {
    "no front matter": (
        replace("tools/abc.md", "---\norder: 70", "order: 70"),
        "tools/abc.md:1",
        "must start with a `---` line",
    ),
    "unclosed front matter": (
        replace("tools/abc.md", "  - relapse\n---\n", "  - relapse\n"),
        "tools/abc.md:13",
        "is the closing `---` missing?",
    ),
    "unknown field": (
        replace("tools/abc.md", "worksheet: abc", "worksheets: abc"),
        "tools/abc.md:5",
        "unknown field `worksheets`",
    ),
    "field given twice": (
        replace("tools/abc.md", "worksheet: abc", "worksheet: abc\ntitle: ABC"),
        "tools/abc.md:6",
        "`title` is given twice (first at line 3)",
    ),
    "missing title": (
        replace("tools/abc.md", "title: ABC (REBT)\n", ""),
        "tools/abc.md:11",
        "the front matter has no `title:`",
    ),
    "order not a number": (
        replace("tools/abc.md", "order: 70", "order: seventy"),
        "tools/abc.md:2",
        "`order`: “seventy” value must be an integer.",
    ),
    "unknown worksheet": (
        replace("tools/abc.md", "worksheet: abc", "worksheet: abcd"),
        "tools/abc.md:5",
        "Value 'abcd' is not a valid choice. Choose one of: ",
    ),
    "summary too long": (
        replace("tools/abc.md", "summary: Untangle", "summary: " + "Very " * 60 + "Untangle"),
        "tools/abc.md:4",
        "`summary`: Ensure this value has at most 300 characters",
    ),
    "a list written on one line": (
        replace("tools/abc.md", "points:\n  - ", "points: "),
        "tools/abc.md:6",
        "`points` is a list",
    ),
    "a stage that does not exist": (
        replace("tools/abc.md", "  - relapse", "  - relapsed"),
        "tools/abc.md:8",
        "no stage `relapsed` (no file stages/relapsed.md)",
    ),
    "the steps' heading misspelt": (
        replace("tools/abc.md", "## How to use it", "## How To Use It"),
        "tools/abc.md:41",
        "the section `## How to use it` is missing",
    ),
    "a step without its number": (
        replace("tools/abc.md", "6. E: write", "E: write"),
        "tools/abc.md:41",
        "each step starts `1. `",
    ),
    "a stage section under another name": (
        replace("stages/relapse.md", "## What helps", "## What can help"),
        "stages/relapse.md:24",
        "`## What can help`: a stage has the sections `## What it feels like` and `## What helps`",
    ),
    "text before a stage's first section": (
        replace("stages/relapse.md", "---\n\n## What", "---\n\nA word first.\n\n## What"),
        "stages/relapse.md:7",
        "text before `## What it feels like`",
    ),
    "a top-level heading": (
        replace("points/coping-with-urges.md", "An urge can", "# Urges\n\nAn urge can"),
        "points/coping-with-urges.md:7",
        "a `# ` heading",
    ),
    "an empty introduction": (
        lambda folder: (folder / "points/coping-with-urges.md").write_text(
            "---\nnumber: 2\ntitle: Coping with Urges\nsummary: Riding out urges.\n---\n\n"
        ),
        "points/coping-with-urges.md:6",
        "the text below the front matter: This field cannot be blank.",
    ),
    "two points with one number": (
        replace("points/coping-with-urges.md", "number: 2", "number: 1"),
        "points/coping-with-urges.md:2",
        "number 1 is also given in",
    ),
    "a file named like a fixed page": (
        rename("points/coping-with-urges.md", "points/search.md"),
        "points/search.md:1",
        "the file's name (the page's address): This slug is the address of another page",
    ),
    "a point named like a guide": (
        rename("points/coping-with-urges.md", "points/family-and-friends.md"),
        "points/family-and-friends.md:1",
        "the file's name (the page's address): This slug is the address of another page",
    ),
    "a guide with no address of its own": (
        rename("guides/family-and-friends.md", "guides/for-parents.md"),
        "guides/for-parents.md:1",
        "the file's name (the page's address): Value 'for-parents' is not a valid choice.",
    ),
    "not UTF-8": (
        lambda folder: (folder / "tools/abc.md").write_bytes(b"---\ntitle: Caf\xe9\n"),
        "tools/abc.md:2",
        "not UTF-8 text",
    ),
    "not a Markdown file": (
        rename("tools/abc.md", "tools/abc.txt"),
        "tools/abc.txt",
        "not a Markdown file",
    ),
    "a folder of an unknown kind": (
        lambda folder: (folder / "tool").mkdir(),
        "tool",
        "not a kind of content",
    ),
}


@pytest.mark.parametrize(("spoil", "where", "message"), MALFORMED.values(), ids=MALFORMED)
def test_a_malformed_file_is_reported_with_its_name_and_line(files, spoil, where, message):
    spoil(files)

    problems = problems_in(files).splitlines()

    assert any(
        problem.startswith(f"{files / where}: ") and message in problem for problem in problems
    ), problems


def test_every_file_with_a_problem_is_reported_at_once(files):
    edit(files / "tools/abc.md", "order: 70", "order: seventy")
    edit(files / "stages/relapse.md", "## What helps", "## What can help")

    problems = problems_in(files).splitlines()

    assert [problem.split(":")[0] for problem in problems] == [
        str(files / "stages/relapse.md"),
        str(files / "tools/abc.md"),
    ]


# The command ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_check_reads_every_file_and_writes_nothing(files, django_assert_num_queries):
    edit(files / "tools/urge-log.md", "title: Urge Log", "title: Urge Diary")

    with django_assert_num_queries(0):
        output = load_toolbox("--check", "--folder", str(files))

    assert output == f"{files}: 4 points, 7 stages, {TOOLS} tools, 1 guide, all valid.\n"
    assert Tool.objects.filter(title="Urge Log").exists()


def test_check_needs_no_database():
    # Without the database fixture, any query here would fail the test.
    checked = load_toolbox("--check")
    assert checked == f"toolbox/content: 4 points, 7 stages, {TOOLS} tools, 1 guide, all valid.\n"


def test_check_names_the_file_and_line_of_a_problem(files):
    edit(files / "tools/abc.md", "worksheet: abc", "worksheets: abc")

    with pytest.raises(CommandError) as error:
        load_toolbox("--check", "--folder", str(files))

    assert str(error.value).startswith("1 problem in the toolbox's files, nothing loaded:\n")
    assert f"{files / 'tools/abc.md'}:5: unknown field `worksheets`" in str(error.value)


@pytest.mark.django_db
def test_loading_again_changes_nothing():
    Tool.objects.all().delete()
    Point.objects.all().delete()
    Stage.objects.all().delete()
    Guide.objects.all().delete()

    first = load_toolbox()
    rows = [list(model.objects.values()) for model in (Point, Stage, Tool, Guide)]
    second = load_toolbox("--verbosity", "2")

    assert "Points: 4 created, 0 updated, 0 unchanged." in first
    assert f"Tools: {TOOLS} created, 0 updated, 0 unchanged." in first
    assert second.endswith(
        "Points: 0 created, 0 updated, 4 unchanged.\n"
        "Stages: 0 created, 0 updated, 7 unchanged.\n"
        f"Tools: 0 created, 0 updated, {TOOLS} unchanged.\n"
        "Guides: 0 created, 0 updated, 1 unchanged.\n"
        f"Translations: 0 created, 0 updated, {TRANSLATIONS} unchanged.\n"
    )
    assert "  tool urge-log: unchanged\n" in second
    assert [list(model.objects.values()) for model in (Point, Stage, Tool, Guide)] == rows
    assert set(Tool.objects.get(slug="abc").stages.values_list("slug", flat=True)) == {
        "action",
        "maintenance",
        "relapse",
    }


@pytest.mark.usefixtures("loaded")
def test_an_edited_file_updates_its_row_and_renders_it_again(files):
    edit(
        files / "tools/urge-log.md", "Keep entries short.", "Keep entries **short**, kaleidoscope."
    )

    output = load_toolbox("--folder", str(files))

    assert output.splitlines() == [
        "  tool urge-log: updated",
        "Points: 0 created, 0 updated, 4 unchanged.",
        "Stages: 0 created, 0 updated, 7 unchanged.",
        f"Tools: 0 created, 1 updated, {TOOLS - 1} unchanged.",
        "Guides: 0 created, 0 updated, 1 unchanged.",
        f"Translations: 0 created, 0 updated, {TRANSLATIONS} unchanged.",
    ]
    urge_log = Tool.objects.get(slug="urge-log")
    assert "Keep entries <strong>short</strong>, kaleidoscope." in urge_log.body_html
    assert list(Tool.objects.search("kaleidoscope")) == [urge_log]


@pytest.mark.django_db
def test_a_new_tool_file_creates_the_tool_on_its_points_and_stages(files):
    (files / "tools/sleep-log.md").write_text(
        "---\norder: 45\ntitle: Sleep Log\nsummary: Notice how rest and urges go together.\n"
        "worksheet:\npoints:\n  - coping-with-urges\n  - living-a-balanced-life\n"
        "stages:\n  - maintenance\n---\n\nSleep matters.\n\n## How to use it\n\n"
        "1. Write down when you went to bed\n   and when you woke.\n2. Rate your urges.\n"
    )

    output = load_toolbox("--folder", str(files))

    assert "  tool sleep-log: created" in output
    tool = Tool.objects.get(slug="sleep-log")
    assert tool.step_list == [
        "Write down when you went to bed and when you woke.",
        "Rate your urges.",
    ]
    assert tool.body_html == "<p>Sleep matters.</p>"
    assert set(tool.points.values_list("number", flat=True)) == {2, 4}
    assert list(tool.stages.values_list("slug", flat=True)) == ["maintenance"]
    slugs = list(Tool.objects.values_list("slug", flat=True))
    assert slugs.index("sleep-log") == slugs.index("urge-log") + 1


@pytest.mark.django_db
def test_a_tool_moved_to_other_stages_is_linked_again(files):
    edit(files / "tools/abc.md", "  - maintenance\n  - relapse\n", "  - contemplation\n")

    assert "  tool abc: updated" in load_toolbox("--folder", str(files))
    stages = Tool.objects.get(slug="abc").stages.values_list("slug", flat=True)
    assert set(stages) == {"action", "contemplation"}


@pytest.mark.django_db
def test_two_stages_can_swap_places(files):
    edit(files / "stages/relapse.md", "order: 6", "order: 7")
    edit(files / "stages/termination.md", "order: 7", "order: 6")

    output = load_toolbox("--folder", str(files))

    assert "Stages: 0 created, 2 updated, 5 unchanged." in output
    assert list(Stage.objects.values_list("slug", flat=True))[-2:] == ["termination", "relapse"]


@pytest.mark.usefixtures("loaded")
def test_a_page_added_in_the_admin_is_left_alone():
    Tool.objects.create(title="Gratitude List", slug="gratitude", summary="S", body="B", steps="1")

    output = load_toolbox()

    assert "  tool gratitude: left alone" in output
    assert f"Tools: 0 created, 0 updated, {TOOLS} unchanged, 1 left alone." in output
    assert Tool.objects.filter(slug="gratitude").exists()


@pytest.mark.django_db
def test_a_number_held_by_a_page_without_a_file_stops_the_load(files):
    Point.objects.create(number=5, title="Extra", slug="extra", summary="S", intro="I")
    edit(files / "points/living-a-balanced-life.md", "number: 4", "number: 5")
    edit(files / "tools/abc.md", "order: 70", "order: 75")

    with pytest.raises(CommandError) as error:
        load_toolbox("--folder", str(files))

    assert (
        f"{files / 'points/living-a-balanced-life.md'}:2: number 5 belongs to the point `extra`, "
        "which is in the database but in no file"
    ) in str(error.value)
    assert Tool.objects.get(slug="abc").order == 70
    assert Point.objects.get(slug="living-a-balanced-life").number == 4


@pytest.mark.django_db
def test_a_malformed_file_stops_the_load_before_anything_is_written(files):
    edit(files / "tools/urge-log.md", "title: Urge Log", "title: Urge Diary")
    edit(files / "tools/abc.md", "  - relapse", "  - relapsed")

    with pytest.raises(CommandError):
        load_toolbox("--folder", str(files))

    assert Tool.objects.filter(title="Urge Log").exists()
