"""The Spanish words typed onboarding answers are matched against, beside the English
ones in `vocabulary` (a Spanish runner's answers are read with both). Weekday names and
number words come from CLDR and number-parser; these are the rest."""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.onboarding.vocabulary import NO_INJURY, Hazard, YesNo
from bot.domain.profile import Experience, Goal, Injury, Place, Units

YES_NO: Mapping[YesNo, tuple[str, ...]] = {
    YesNo.YES: (
        "si", "sip", "claro", "vale", "de acuerdo", "por supuesto", "correcto", "afirmativo",
        "dale", "exacto", "cierto", "asi es", "si tengo", "si claro",
    ),
    YesNo.NO: (
        "no", "nop", "nunca", "para nada", "en absoluto", "negativo", "ninguno", "ninguna",
        "no tengo", "de momento no", "ahora no", "que va",
    ),
    YesNo.UNSURE: (
        "no se", "no lo se", "no estoy seguro", "no estoy segura", "quizas", "quiza",
        "tal vez", "a lo mejor", "puede ser", "ni idea", "creo que si",
    ),
}  # fmt: skip

ACKNOWLEDGE: tuple[str, ...] = (
    "entendido", "entiendo", "lo entiendo", "comprendo", "de acuerdo", "estoy de acuerdo",
    "acepto", "conforme", "bien", "vale",
)  # fmt: skip

EXPERIENCE: Mapping[Experience, tuple[str, ...]] = {
    Experience.NONE: (
        "nada", "nunca", "no corro", "principiante", "ninguna", "todavia no", "aun no",
        "nuevo", "nueva", "empiezo de cero",
    ),
    Experience.OCCASIONAL: (
        "a veces", "de vez en cuando", "ocasional", "ocasionalmente", "un poco", "poco",
        "rara vez", "una vez por semana", "una vez a la semana", "una vez al mes",
        "esporadicamente",
    ),
    Experience.REGULAR: (
        "regular", "regularmente", "cada semana", "semanal", "a menudo", "frecuentemente",
        "varias veces por semana", "casi todos los dias", "a diario", "todos los dias",
        "dos veces por semana", "tres veces por semana", "dos veces a la semana",
        "tres veces a la semana",
    ),
    Experience.RACES: (
        "carreras", "compito", "competicion", "competiciones", "maraton", "media maraton",
        "ultra", "triatlon", "club", "club de running", "club de atletismo",
    ),
}  # fmt: skip

GOALS: Mapping[Goal, tuple[str, ...]] = {
    Goal.KNEE: (
        "rodilla", "rodillas", "salud de la rodilla", "dolor de rodilla", "rehabilitacion",
        "recuperacion", "articulaciones",
    ),
    Goal.CALORIES: (
        "calorias", "quemar calorias", "peso", "perder peso", "adelgazar", "grasa",
        "ponerme en forma", "forma fisica", "cardio",
    ),
    Goal.POSTURE: ("postura", "espalda recta", "erguido", "erguida"),
    Goal.BALANCE: ("equilibrio", "coordinacion", "estabilidad", "agilidad", "propiocepcion"),
    Goal.FORWARD: (
        "correr mejor", "mejorar mi carrera", "velocidad", "mas rapido", "rendimiento",
        "tecnica", "resistencia", "correr hacia adelante",
    ),
    Goal.FUN: (
        "diversion", "divertirme", "por diversion", "variedad", "algo nuevo", "curiosidad",
        "probar", "reto", "desafio",
    ),
}  # fmt: skip

ALL: tuple[str, ...] = ("todos", "todo", "todas", "todo lo anterior", "todos ellos")

INJURIES: Mapping[Injury | str, tuple[str, ...]] = {
    Injury.KNEES: ("rodilla", "rodillas", "rotula", "menisco", "ligamento cruzado", "cintilla"),
    Injury.ANKLES_FEET: (
        "tobillo", "tobillos", "pie", "pies", "talon", "aquiles", "fascia", "espinilla",
        "gemelo", "gemelos",
    ),
    Injury.HIPS_BACK: (
        "cadera", "caderas", "espalda", "lumbar", "columna", "ciatica", "gluteo", "gluteos",
        "pelvis", "isquios",
    ),
    Injury.OTHER: (
        "otro", "otra cosa", "otra parte", "hombro", "cuello", "muneca", "codo", "brazo",
        "pecho", "cabeza",
    ),
    NO_INJURY: (
        "ninguna", "ninguno", "nada", "no", "sin dolor", "sin lesiones", "ninguna lesion",
        "estoy bien", "sano", "sana", "todo bien", "nada ahora",
    ),
}  # fmt: skip

PLACES: Mapping[Place | Hazard, tuple[str, ...]] = {
    Place.TRACK: ("pista", "pista de atletismo", "estadio", "tartan"),
    Place.TREADMILL: ("cinta", "cinta de correr", "gimnasio"),
    Place.PARK: (
        "parque", "campo", "cesped", "hierba", "pradera", "campo de futbol", "jardin", "patio",
    ),
    Place.HALLWAY: (
        "pasillo", "interior", "en casa", "dentro", "sotano", "polideportivo", "pabellon",
        "salon",
    ),
    Hazard.TRAFFIC: (
        "acera", "aceras", "calle", "calles", "carretera", "avenida", "carril bici",
        "aparcamiento", "trafico",
    ),
    Hazard.TERRAIN: (
        "sendero", "senderos", "monte", "colina", "cuesta", "escaleras", "playa", "arena",
        "bosque", "grava", "montana", "rocas", "hielo",
    ),
}  # fmt: skip

UNITS: Mapping[Units, tuple[str, ...]] = {
    Units.KM: ("kilometro", "kilometros", "metrico", "sistema metrico"),
    Units.MILES: ("milla", "millas", "imperial"),
}

# Groups of days; single weekdays come from CLDR.
WEEKDAY_GROUPS: Mapping[frozenset[int], tuple[str, ...]] = {
    frozenset({5, 6}): ("fin de semana", "fines de semana", "finde", "findes"),
    frozenset(range(5)): ("entre semana", "dias laborables", "laborables", "dias de semana"),
    frozenset(range(7)): (
        "cualquier dia", "cualquiera", "todos los dias", "cada dia", "a diario", "me da igual",
        "da igual", "tu eliges", "elige tu", "cuando sea", "los que quieras",
    ),
    frozenset({0}): ("lunes",),
    frozenset({5}): ("sabados",),
    frozenset({6}): ("domingos",),
}  # fmt: skip
DAY_RANGE_WORDS = frozenset({"a", "al", "hasta"})
DAY_EXCLUSION_WORDS = frozenset({"excepto", "menos", "salvo", "sin", "no", "pero"})
DAY_LIST_WORDS = frozenset({"y", "e", "o", "el", "los", "de"})

TIMES_OF_DAY: Mapping[tuple[int, int], tuple[str, ...]] = {
    (7, 0): ("manana", "por la manana", "temprano", "antes del trabajo", "madrugada"),
    (12, 0): ("mediodia", "al mediodia", "almuerzo", "hora de comer", "a la hora de comer"),
    (15, 0): ("tarde", "por la tarde", "despues de comer"),
    (18, 0): ("noche", "por la noche", "despues del trabajo", "al salir del trabajo"),
}
AFTERNOON_WORDS = frozenset({"tarde", "noche"})
MORNING_WORDS = frozenset({"manana", "madrugada"})
