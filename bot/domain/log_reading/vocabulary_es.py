"""The Spanish words a session log is read with, beside the English ones in `vocabulary`
(a Spanish runner's reply is read with both: "km", "rpe" and "ok" are everyone's).

Weekday, month and unit names come from CLDR (`bot.domain.languages`); these are the
words CLDR has no list for. Matched after `lexicon.normalise`, so accents are optional.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.log_reading.signs import BodyPart, RedFlag
from bot.domain.log_reading.vocabulary import Cue, Field
from bot.domain.session_logs import MorningAfter

_PAIN_WORDS = (
    "dolor", "dolores", "duele", "duelen", "dolia", "dolían", "me duele", "me dolia",
    "doloroso", "dolorosa", "dolorido", "dolorida", "adolorido", "adolorida", "molestia",
    "molestias", "molesta", "molestaba", "tirantez", "tenso", "tensa", "rigido", "rigida",
    "rigidez", "calambre", "calambres", "cargado", "cargada", "cargados", "cargadas",
    "sobrecarga", "sensible", "resentido", "resentida",
)  # fmt: skip

HURTING = frozenset({
    "dolor", "dolores", "duele", "duelen", "dolia", "molestia", "molestias", "molesta",
})  # fmt: skip

_BODY_PARTS: Mapping[BodyPart, tuple[str, ...]] = {
    # "rodiya": ll and y sound alike in most of the Spanish-speaking world.
    BodyPart.KNEE: (
        "rodilla",
        "rodillas",
        "rodiya",
        "rodiyas",
        "rotula",
        "cintilla",
        "cintilla iliotibial",
    ),
    BodyPart.HIP: ("cadera", "caderas", "flexor de la cadera", "psoas"),
    BodyPart.ANKLE: ("tobillo", "tobillos"),
    BodyPart.FOOT: (
        "pie",
        "pies",
        "dedo del pie",
        "dedos del pie",
        "planta del pie",
        "fascia plantar",
        "fascitis",
        "arco del pie",
        "empeine",
    ),
    BodyPart.HEEL: ("talon", "talones"),
    BodyPart.ACHILLES: ("aquiles", "tendon de aquiles"),
    BodyPart.CALF: ("gemelo", "gemelos", "pantorrilla", "pantorrillas", "soleo"),
    BodyPart.SHIN: ("espinilla", "espinillas", "periostitis"),
    BodyPart.HAMSTRING: ("isquiotibial", "isquiotibiales", "isquios", "femoral", "femorales"),
    BodyPart.QUAD: ("cuadriceps", "muslo", "muslos"),
    BodyPart.GLUTE: ("gluteo", "gluteos", "nalga", "nalgas"),
    BodyPart.GROIN: ("ingle", "aductor", "aductores", "pubis"),
    BodyPart.BACK: ("espalda", "lumbar", "lumbares", "zona lumbar", "espalda baja", "columna"),
    BodyPart.NECK: ("cuello", "cervical", "cervicales"),
    BodyPart.SHOULDER: ("hombro", "hombros"),
}

CUES: Mapping[Cue, tuple[str, ...]] = {
    Cue(Field.EFFORT): (
        "esfuerzo", "esfuerzos", "nivel de esfuerzo", "esfuerzo percibido", "intensidad",
        "dificultad", "exigencia",
    ),
    Cue(Field.PAIN): _PAIN_WORDS,
    Cue(Field.HEART_RATE): (
        "pulso", "pulsaciones", "pulso medio", "frecuencia cardiaca", "fc", "fc media", "ppm",
    ),
    Cue(Field.DISTANCE): ("distancia", "recorrido"),
    **{Cue(Field.PAIN, part): phrases for part, phrases in _BODY_PARTS.items()},
    # Running backwards is "de espaldas"; shoulder checks look "por encima del hombro".
    Cue(None): (
        "de espaldas", "corri de espaldas", "correr de espaldas", "hacia atras",
        "por encima del hombro", "sobre el hombro", "mirar por encima del hombro", "a pie",
        "de pie", "cinta de pulso", "banda de pulso",
    ),
}  # fmt: skip

RED_FLAGS: Mapping[RedFlag | None, tuple[str, ...]] = {
    RedFlag.CHEST_PAIN: (
        "pecho", "dolor en el pecho", "dolor de pecho", "dolor toracico", "opresion",
        "opresion en el pecho", "presion en el pecho", "pecho apretado", "me aprieta el pecho",
        "mandibula", "dolor de mandibula", "dolor en el brazo", "brazo izquierdo", "angina",
    ),
    RedFlag.BREATHLESS: (
        "sin aliento", "falta de aire", "me falta el aire", "me faltaba el aire", "ahogo",
        "disnea", "sin aire",
    ),
    RedFlag.SEVERE_BREATHLESS: (
        "no puedo respirar", "no podia respirar", "no podía respirar bien", "me ahogo",
        "me ahogaba", "ahogandome", "casi no podia respirar", "mucha falta de aire",
        "me costaba muchisimo respirar", "sin poder respirar",
    ),
    RedFlag.DIZZY: (
        "mareo", "mareos", "mareado", "mareada", "me maree", "vertigo", "aturdido",
        "aturdida", "todo daba vueltas", "la cabeza me daba vueltas",
    ),
    RedFlag.FAINT: (
        "desmayo", "desmaye", "me desmaye", "casi me desmayo", "casi me desmaye",
        "desvanecimiento", "perdi el conocimiento", "me desvaneci", "sensacion de desmayo",
    ),
    RedFlag.FALL: (
        "caida", "me cai", "cai", "caerme", "me caigo", "tropece", "tropezon", "resbale",
        "me resbale", "casi me caigo", "perdi el equilibrio", "trastabille", "tropezando",
    ),
    RedFlag.GAVE_WAY: (
        "se me doblo la rodilla", "se doblo", "cedio", "la rodilla cedio", "fallo la rodilla",
        "se me fue la rodilla", "rodilla bloqueada", "se bloqueo la rodilla",
    ),
    RedFlag.SWELLING: (
        "hinchado", "hinchada", "hinchazon", "inflamado", "inflamada", "inflamacion",
    ),
    RedFlag.HEART_RHYTHM: (
        "palpitaciones", "palpitacion", "taquicardia", "corazon acelerado",
        "el corazon se acelero", "latidos irregulares", "latido irregular", "arritmia",
        "el corazon me iba a mil", "pulso irregular", "fibrilacion",
    ),
    RedFlag.NUMBNESS: (
        "entumecido", "entumecida", "entumecimiento", "adormecido", "adormecida", "hormigueo",
        "hormigueos", "cosquilleo", "se me durmio el brazo",
    ),
    RedFlag.WEAKNESS: (
        "debilidad repentina", "debilidad subita", "debilidad de repente",
        "se me aflojaron las piernas", "de repente sin fuerza",
    ),
    RedFlag.VISION_OR_SPEECH: (
        "vision borrosa", "veo borroso", "veia borroso", "vision doble", "veia doble",
        "veia estrellitas", "lucecitas", "no podia ver", "dificultad para hablar",
        "no podia hablar", "arrastraba las palabras",
    ),
    RedFlag.NAUSEA: (
        "nauseas", "nausea", "ganas de vomitar", "vomite", "vomito", "vomitar", "devolvi",
        "estomago revuelto", "revuelto el estomago",
    ),
    RedFlag.COLD_SWEAT: (
        "sudor frio", "sudores frios", "sudando frio", "sudoracion fria", "sudor helado",
    ),
    RedFlag.SHARP_PAIN: (
        "punzante", "dolor punzante", "pinchazo", "pinchazos", "dolor agudo", "chasquido",
        "senti un chasquido", "crujido", "dolor lacerante",
    ),
    None: (
        "cinta de pecho", "banda de pecho", "banda pectoral", "pecho bien", "el pecho bien",
        "no me duele el pecho", "no me dolio el pecho", "el pecho no me duele",
        "cai en la cuenta", "caer en la cuenta", "al caer la noche", "a la caida del sol",
    ),
}  # fmt: skip

MILD_QUALIFIERS = frozenset({
    "poco", "poquito", "algo", "ligeramente", "levemente", "leve", "medio",
})  # fmt: skip

REASSURING: tuple[str, ...] = (
    "cansado", "cansada", "cansancio", "piernas cansadas", "piernas pesadas", "pesadez",
    "ardor", "quemazon", "me arden", "agujetas", "jadeando", "respiracion agitada",
    "respirando fuerte", "agotado", "agotada", "reventado", "reventada", "fundido",
    "hecho polvo", "muerto de cansancio",
)  # fmt: skip

STOP_WORDS: tuple[str, ...] = (
    "parar", "quiero parar", "me paro", "paramos", "detener", "detente", "basta",
    "ya basta", "terminar", "terminar la sesion", "acabar", "se acabo", "lo dejo",
    "me rindo", "suficiente", "ya esta", "fin", "cancelar", "hasta aqui",
)  # fmt: skip

MORNING: Mapping[MorningAfter, tuple[str, ...]] = {
    MorningAfter.BETTER: (
        "mejor", "un poco mejor", "mucho mejor", "bastante mejor", "algo mejor", "mejorando",
        "mejoro", "ha mejorado", "bien", "muy bien", "genial", "perfecto", "sin dolor",
        "ya no duele", "recuperado", "recuperada", "menos dolor", "menos molestias",
    ),
    MorningAfter.SAME: (
        "igual", "lo mismo", "mas o menos igual", "parecido", "sin cambios",
        "igual que ayer", "sigue igual", "sigue doliendo", "todavia duele", "regular",
        "normal", "asi asi", "ni mejor ni peor",
    ),
    MorningAfter.WORSE: (
        "peor", "un poco peor", "mucho peor", "bastante peor", "algo peor", "mas dolor",
        "duele mas", "mal", "fatal", "empeoro", "ha empeorado", "terrible", "horrible",
    ),
}  # fmt: skip
SORE_OR_JOINT: Mapping[MorningAfter, tuple[str, ...]] = {
    MorningAfter.SORE: (
        "musculo", "musculos", "muscular", "dolor muscular", "agujetas", "gemelos",
        "cuadriceps", "muslos", "piernas",
    ),
    MorningAfter.WORSE: (
        "articulacion", "articulaciones", "articular", "rodilla", "cadera", "tobillo",
        "ambos", "las dos", "los dos",
    ),
}  # fmt: skip
COMPARATIVES = frozenset({"mejor", "peor"})

RELATIVE_DAYS: Mapping[int, tuple[str, ...]] = {
    -1: ("manana", "pasado manana"),
    0: ("hoy", "esta manana", "esta tarde", "esta noche", "por la manana", "por la tarde"),
    1: (
        "ayer", "anoche", "ayer por la manana", "ayer por la tarde", "ayer por la noche",
        "ayer en la manana", "ayer en la tarde",
    ),
    2: ("anteayer", "antier", "antes de ayer", "antes de anoche"),
}  # fmt: skip

FILLERS = frozenset({
    "el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "y", "o", "de", "del",
    "al", "a", "en", "con", "mi", "mis", "me", "muy", "poco", "algo", "bastante", "mas",
    "menos", "como", "casi", "aprox", "aproximadamente", "hoy", "sesion", "nivel", "total",
    "media", "medio", "promedio", "maximo", "es", "era", "fue", "estaba", "esta", "estoy",
    "tengo", "tenia", "senti", "siento", "sentia", "izquierda", "izquierdo", "derecha",
    "derecho", "ambos", "ambas", "vale", "si", "pues", "eh", "jaja", "que", "por",
    "ligeramente", "levemente", "leve", "tipo", "sobre",
})  # fmt: skip
CONNECTORS = frozenset({
    "y", "pero", "con", "tambien", "ademas", "aunque", "o", "entonces", "luego", "excepto",
    "salvo", "de", "e",
})  # fmt: skip
NEGATORS = frozenset({
    "no", "sin", "nunca", "ni", "nada", "ningun", "ninguna", "ninguno", "tampoco",
})  # fmt: skip
SOFTENERS = frozenset({"mucho", "mucha", "muy", "tan", "tanto", "tanta", "demasiado", "gran"})
AFTER_NEGATORS = frozenset({"ninguno", "ninguna", "nada"})
CONTRASTS = frozenset({"pero", "excepto", "aunque", "salvo", "embargo"})
SCALE_WORDS = frozenset({"de", "sobre"})
RANGE_WORDS = frozenset({"a", "o"})
COUNTED = frozenset({
    "vuelta", "vueltas", "serie", "series", "repeticion", "repeticiones", "veces", "vez",
    "intervalo", "intervalos", "paso", "pasos", "grado", "grados", "dia", "dias", "semana",
    "semanas", "ano", "anos", "kcal", "calorias", "ronda", "rondas", "tramo", "tramos",
    "sprint", "sprints", "cuesta", "cuestas",
})  # fmt: skip
REVERSE_WORDS = frozenset({"atras", "espaldas", "reversa", "inversa", "inverso", "retroceso"})
DAY_WORDS = frozenset({"dia", "dias"})
# "hace 3 días": the word before the count.
AGO_BEFORE = frozenset({"hace"})
# "el lunes pasado": the word after the weekday.
LAST_AFTER = frozenset({"pasado", "pasada"})
LAST_WORDS = frozenset({"ultimo", "ultima"})
DAY_LINKS = frozenset({"de", "del"})
# Look-alikes of a label or a warning word in everyday Spanish.
PLAIN_WORDS = frozenset({
    "pasta", "pista", "pasto", "caja", "casa", "cara", "peso", "pecha", "color", "calor",
    "menos", "mareas", "marea", "hincha", "fiesta", "lento", "lenta", "todo", "toda",
    "pesado", "ganas", "mayor", "pulsera", "cintura",
})  # fmt: skip
