"""The scenario files of the trainers' resets: the four the issue names, each step naming what
exists (personas, roles, démarches and their fields, invitations and dossiers made by an earlier
step), and any mistake in a file refused with where it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal.companies.roles import find_role
from portal.dossiers.catalogue import load_catalogue
from portal.dossiers.forms.model import FieldType
from simulators.personas.loader import load_personas
from simulators.scenarios import model
from simulators.scenarios.model import (
    ScenarioError,
    load_scenarios,
    parse_scenario,
    read_scenario,
    scenario,
)

SCENARIOS = load_scenarios()
STEPS = [(s.name, n, step) for s in SCENARIOS.values() for n, step in enumerate(s.steps, 1)]
READERS = 4  # the demo's virtual readers


def test_the_four_scenarios_of_the_issue_in_the_trainers_order() -> None:
    assert list(SCENARIOS) == ["first-login", "keys", "companies", "dossiers"]
    assert SCENARIOS["first-login"].steps == ()
    for found in SCENARIOS.values():
        assert found.title
        assert found.description
        assert found.shows


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_cards_are_personas_in_the_demos_readers(name: str) -> None:
    readers = SCENARIOS[name].readers
    assert len(readers) <= READERS
    inserted = [slug for slug in readers if slug]
    assert set(inserted) <= set(load_personas())
    assert len(set(inserted)) == len(inserted)  # a card is in one reader at a time


def persons_of(action: model.Action) -> set[str]:
    names = {
        getattr(action, field)
        for field in ("persona", "by", "representative", "gap")
        if hasattr(action, field)
    }
    return names | set(getattr(action, "persons", ()))


@pytest.mark.parametrize(("name", "number", "step"), STEPS)
def test_every_person_and_role_exists(name: str, number: int, step: model.Step) -> None:
    assert persons_of(step.action) <= set(load_personas()), (name, number)
    roles = set(getattr(step.action, "roles", ())) | {getattr(step.action, "role", None)} - {None}
    assert all(find_role(str(code)) is not None for code in roles), (name, number, roles)


def test_invitations_and_dossiers_are_made_before_they_are_used() -> None:
    for found in SCENARIOS.values():
        invitations: set[str] = set()
        dossiers: set[str] = set()
        for step in found.steps:
            action = step.action
            if isinstance(action, model.Invite):
                invitations.add(action.name)
            elif isinstance(action, model.Accept):
                assert action.invitation in invitations
            elif isinstance(action, model.MakeDossier):
                dossiers.add(action.name)
            elif isinstance(action, model.BackOffice):
                assert action.dossier in dossiers


def test_accounts_come_before_the_persons_act_in_the_portal() -> None:
    """Keys, acceptances and dossiers are made from a person's account."""
    for found in SCENARIOS.values():
        with_account: set[str] = set()
        for step in found.steps:
            action = step.action
            if isinstance(action, model.OpenAccount):
                with_account.add(action.persona)
            elif isinstance(action, model.ActivateKeys | model.Accept | model.MakeDossier):
                assert action.persona in with_account, (found.name, action)


def dossier_steps() -> list[tuple[str, model.Step, model.MakeDossier]]:
    return [
        (found.name, step, step.action)
        for found in SCENARIOS.values()
        for step in found.steps
        if isinstance(step.action, model.MakeDossier)
    ]


@pytest.mark.parametrize(("name", "step", "dossier"), dossier_steps())
def test_dossiers_fill_fields_of_their_demarche_with_the_card_in_a_reader(
    name: str, step: model.Step, dossier: model.MakeDossier
) -> None:
    procedure = load_catalogue().get(dossier.procedure)
    assert dossier.space in procedure.spaces
    form = procedure.form
    for step_key, values in dossier.values.items():
        fields = {f.key: f for f in form.step(step_key).fields}
        assert set(values) <= set(fields), (step_key, set(values) - set(fields))
        assert not any(fields[key].source for key in values)  # the card's fields are its own
    files = {f.key for s in form.steps for f in s.fields if f.type is FieldType.FILE}
    assert set(dossier.attachments) <= files
    # The card reads the identity (and signs): it must be in a reader.
    assert dossier.persona in SCENARIOS[name].readers
    if dossier.until == "submitted":
        # The OCSP responder answers for the present: a signature is made on the reset's day.
        assert step.day == 0


def test_the_companies_scenario_has_an_assignment_of_every_status() -> None:
    """Which action leaves which status; the hourly jobs expire the assignment ending before."""
    steps = [step.action for step in SCENARIOS["companies"].steps]
    changes = {a.change for a in steps if isinstance(a, model.ChangeAssignment)}
    decisions = {a.approve for a in steps if isinstance(a, model.Decide)}
    accepted = {a.invitation for a in steps if isinstance(a, model.Accept)}
    decided = {(a.persona, a.role) for a in steps if isinstance(a, model.Decide)}
    invited = {a.name: a for a in steps if isinstance(a, model.Invite)}
    assert changes == {"stop", "deactivate"}  # suspended, deactivated
    assert decisions == {True, False}  # active, rejected
    undecided = [
        name
        for name in accepted
        if not any((p, r) in decided for p in invited[name].persons for r in invited[name].roles)
    ]
    assert undecided  # requested
    assert any(isinstance(a, model.HourlyJobs) for a in steps)  # expired
    assert len([n for n in invited if n not in accepted]) == 2  # two pending invitations


def test_a_scenario_by_name() -> None:
    assert scenario("keys").title == "Clés numériques"
    with pytest.raises(ScenarioError, match="unknown scenario 'nope'"):
        scenario("nope")


BASE = {"title": "T", "description": "D", "readers": ["naima-mremi"]}


def parsed(**changes: object) -> model.Scenario:
    return parse_scenario("test", {**BASE, **changes}, origin="test.toml")


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ([{"do": "fly", "day": 0}], "step 1: unknown action 'fly'"),
        ([{"do": "open-account", "day": 0}], "step 1: 'persona' is missing"),
        ([{"do": "open-account", "day": 1, "persona": "x"}], "after the reset"),
        ([{"do": "open-account", "day": "0", "persona": "x"}], "'day' has the wrong type"),
        ([{"do": "open-account", "day": 0, "persona": "x", "colour": 1}], "unknown value"),
        (
            [{"do": "hourly-jobs", "day": 0}, {"do": "hourly-jobs", "day": -1}],
            "in the order of their days",
        ),
        (
            [
                {
                    "do": "decide-request",
                    "day": 0,
                    "by": "a",
                    "persona": "b",
                    "role": "r",
                    "approve": False,
                }
            ],
            "a rejection needs its 'reason'",
        ),
        (
            [
                {
                    "do": "activate-keys",
                    "day": 0,
                    "persona": "a",
                    "username": "u",
                    "password": "p",
                    "keys": ["itsme"],
                }
            ],
            "key 'itsme'",
        ),
        (
            [
                {
                    "do": "change-assignment",
                    "day": 0,
                    "by": "a",
                    "persona": "b",
                    "role": "r",
                    "change": "delete",
                }
            ],
            "change 'delete'",
        ),
        (
            [
                {
                    "do": "dossier",
                    "day": 0,
                    "name": "n",
                    "persona": "p",
                    "procedure": "x",
                    "until": "signed",
                }
            ],
            "until 'signed'",
        ),
        (
            [
                {
                    "do": "dossier",
                    "day": 0,
                    "name": "n",
                    "persona": "p",
                    "procedure": "x",
                    "until": "draft",
                    "values": {"s": {"f": 3}},
                }
            ],
            "values.s must hold texts",
        ),
        ([{"do": "hourly-jobs", "day": 0, "keep_mail": "yes"}], "'keep_mail' has the wrong"),
        (["not a table"], "a step is a table"),
    ],
)
def test_a_mistake_in_a_file_says_where_it_is(steps: list[object], message: str) -> None:
    with pytest.raises(ScenarioError, match=re.escape(message)):
        parsed(steps=steps)


def test_unknown_top_level_values_and_broken_toml_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="unknown value"):
        parsed(colour="red")
    broken = tmp_path / "broken.toml"
    broken.write_text("title = \n")
    with pytest.raises(ScenarioError, match=r"broken\.toml"):
        read_scenario(broken)


def test_an_empty_reader_is_written_as_an_empty_text() -> None:
    assert parsed(readers=["", "naima-mremi"]).readers == (None, "naima-mremi")
