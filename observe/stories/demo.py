"""Demo learning stories: about 90 stories in everyday Danish, spread unevenly over the
daycare's children (a few get many, some few, some none: the portfolio page should show
who is overlooked), themes spread unevenly as in real life, and generated photo-like
images (gradients and shapes drawn with Pillow; never real children) on some stories,
stored through the real photo pipeline. Deterministic: ``ctx.rng`` and ``ctx.today``.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw
from sqlalchemy import select

from observe.extensions import db
from observe.people.models import Theme
from observe.photos import services as photos
from observe.stories import services as stories

if TYPE_CHECKING:
    from observe.demo import DemoContext

STORY_COUNT = 90
PHOTO_EVERY = 3  # roughly every third story gets one or two photos

# (title, story, learning, next steps, child's voice, theme indexes into the six
# læreplanstemaer: 0 personlig, 1 social, 2 sprog, 3 krop, 4 natur, 5 kultur)
SKELETONS = (
    ("{n} bygger det højeste tårn",
     "{n} hentede alle de store klodser fra hylden og begyndte at bygge midt på gulvet. "
     "Tårnet væltede to gange. Anden gang satte {n} sig stille og kiggede på klodserne, "
     "og så byggede {n} en bredere bund, før det gik opad igen. Til sidst nåede tårnet "
     "op til vindueskarmen.",
     "{n} holder fast i en idé og prøver en ny vej, når den første ikke virker. Det er "
     "vedholdenhed og begyndende forståelse for balance og tyngde.",
     "Vi stiller klodser og planker frem ved formiddagslegen og spørger {n}, om vi må "
     "fotografere byggeriet undervejs.",
     "Den skal være tyk nederst, ellers vælter den!", (0, 4)),
    ("{n} hjælper en ny ven i garderoben",
     "Da den nye pige på stuen ikke kunne få flyverdragten på, gik {n} hen og holdt "
     "ærmet, mens hun stak armen ind. {n} sagde: 'Sådan gør jeg også.' Bagefter gik de "
     "ud sammen og gyngede.",
     "{n} ser, når en anden har brug for hjælp, og finder selv på at hjælpe uden at "
     "overtage. Det er omsorg og en begyndende evne til at sætte sig i andres sted.",
     "Vi giver {n} og den nye pige en fast opgave sammen ved frokosten i de næste uger.",
     "", (1, 0)),
    ("{n} fortæller om weekendens fisketur",
     "Ved samlingen rakte {n} hånden op og ventede, til det blev {n}s tur. Så fortalte "
     "{n} om fisketuren med morfar: om ormen, der vred sig, og om fisken, der 'var "
     "så glat som sæbe'. De andre børn lyttede, og to af dem stillede spørgsmål.",
     "{n} bruger sproget til at fortælle en sammenhængende historie med begyndelse, "
     "midte og slutning og finder selv på sammenligninger.",
     "Vi låner bøger om fisk og havet på biblioteket og læser dem med {n} i den lille "
     "gruppe.",
     "Fisken var så glat, at morfar tabte den.", (2, 1)),
    ("{n} klatrer op i det store træ",
     "På legepladsen prøvede {n} igen og igen at komme op på den nederste gren. {n} "
     "flyttede en kasse hen under træet, stillede sig op og trak sig op med begge "
     "hænder. Da {n} sad deroppe, råbte {n}: 'Se mig!'",
     "{n} afprøver sin krop og sine grænser og bruger det, der er i nærheden, til at "
     "løse et problem. Det giver mod og kropslig selvtillid.",
     "Vi laver en forhindringsbane med kasser og planker og lader {n} være med til at "
     "bygge den.",
     "Jeg var højere end dig!", (3, 0)),
    ("{n} undersøger regnormene",
     "Efter regnen fandt {n} seks regnorme på fliserne. {n} samlede dem forsigtigt i en "
     "spand med jord og talte dem flere gange. {n} spurgte, om ormene kan se, og hvor "
     "de sover.",
     "{n} er nysgerrig på naturen, stiller undersøgende spørgsmål og behandler dyrene "
     "med omsorg. {n} tæller sikkert til seks.",
     "Vi laver et ormeterrarium sammen med {n} og skriver {n}s spørgsmål ned, så vi "
     "kan finde svarene i bøger.",
     "Ormene sover nede i jorden, når det er lyst.", (4, 2)),
    ("{n} maler med hele armen",
     "Ved staffeliet blandede {n} gul og blå og blev helt stille, da det blev grønt. "
     "{n} malede store buer over hele papiret og sagde, at det var vinden. Bagefter "
     "hjalp {n} med at vaske penslerne.",
     "{n} udforsker farver og udtrykker en oplevelse, vinden, i et billede. {n} er "
     "optaget af, hvad der sker, når farver mødes.",
     "Vi sætter farveblanding op som værksted og giver {n} mulighed for at vise de "
     "andre, hvordan man laver grøn.",
     "Det er vinden, der blæser rundt.", (5, 4)),
    ("{n} og rollelegen i dukkekrogen",
     "{n} var mor, og to andre børn var børn. {n} fordelte rollerne, lavede 'suppe' af "
     "kastanjer og sagde: 'Nu skal I sove, og så vækker jeg jer.' Da en af de andre "
     "ville være mor, sagde {n}: 'Så kan du være mormor.'",
     "{n} leder legen, og da der opstår uenighed, finder {n} en løsning, hvor alle kan "
     "være med. Det er forhandling og fællesskab.",
     "Vi giver plads til længere rollelege og lader {n} prøve en anden rolle end "
     "lederens.",
     "", (1, 2)),
    ("{n} tager selv tøj på",
     "I dag ville {n} ikke have hjælp til flyverdragten. Det tog lang tid, og {n} "
     "sukkede et par gange, men fik både dragt, støvler og hue på. {n} kom stolt ud og "
     "viste det til os.",
     "{n} vil gerne klare sig selv og holder ud, selv når det er svært. Det er "
     "selvhjulpenhed og stolthed over egen indsats.",
     "Vi venter fem sekunder, før vi hjælper ved påklædning, og giver {n} tid nok om "
     "morgenen.",
     "Jeg kunne selv!", (0, 3)),
    ("{n} synger med på den nye sang",
     "Vi har øvet en ny sang om årstiderne. I dag sang {n} alle ordene med og lavede "
     "bevægelserne. Bagefter sang {n} den igen for sig selv i sandkassen.",
     "{n} husker ord og rytme og bruger sangen i sin egen leg. Sproget og musikken "
     "hænger sammen for {n}.",
     "Vi lader {n} vælge dagens sang ved samlingen næste uge.",
     "", (2, 5)),
    ("{n} bygger en hule i skoven",
     "På skovturen samlede {n} grene og lænede dem op ad en stamme. {n} fik to andre "
     "med og sagde, hvor grenene skulle stå. Til sidst kunne de alle tre sidde inde i "
     "hulen.",
     "{n} planlægger, samarbejder og bruger naturens materialer. {n} viser de andre, "
     "hvordan man får grenene til at stå.",
     "Vi tager tilbage til samme sted og ser, om hulen står endnu, og lader {n} "
     "fortælle om den.",
     "Det er vores hus. Man skal banke på.", (4, 1)),
    ("{n} tæller gafler til frokost",
     "{n} dækkede bord og talte højt, hvor mange der skulle sidde ved bordet. {n} "
     "lagde en gaffel ved hver tallerken og opdagede selv, at der manglede én.",
     "{n} bruger tal i hverdagen og ser sammenhængen mellem antal børn og antal gafler.",
     "Vi lader {n} have ansvar for at dække bord et par gange om ugen.",
     "", (0, 4)),
    ("{n} trøster en ven, der faldt",
     "En dreng faldt på cyklen og græd. {n} løb hen, satte sig på hug og sagde: 'Gjorde "
     "det ondt? Skal vi finde en voksen?' {n} holdt ham i hånden hele vejen ind.",
     "{n} viser empati og ved, hvad man kan gøre, når en anden er ked af det.",
     "Vi taler med {n} om, hvordan man kan hjælpe hinanden, og roser det, {n} gjorde.",
     "", (1,)),
)
# How often each child appears: a long tail, and some children with none at all.
WEIGHTS = (9, 7, 6, 5, 4, 4, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 0, 0, 0)


def _image(rng, width=360, height=270) -> bytes:
    """A photo-like picture: a sky-to-ground gradient with a sun and a few shapes."""
    top = (rng.randint(120, 200), rng.randint(160, 220), rng.randint(200, 255))
    bottom = (rng.randint(40, 120), rng.randint(100, 170), rng.randint(40, 90))
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / (height - 1)
        draw.line([(0, y), (width, y)],
                  fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    sun = rng.randint(40, width - 40)
    draw.ellipse((sun - 28, 20, sun + 28, 76), fill=(250, 220, 90))
    for _i in range(rng.randint(3, 6)):
        x, y = rng.randint(0, width - 60), rng.randint(height // 2, height - 40)
        color = (rng.randint(60, 255), rng.randint(40, 200), rng.randint(40, 200))
        if rng.random() < 0.5:
            draw.rectangle((x, y, x + rng.randint(20, 70), y + rng.randint(20, 60)), fill=color)
        else:
            draw.ellipse((x, y, x + rng.randint(20, 60), y + rng.randint(20, 60)), fill=color)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def seed_stories(ctx: DemoContext) -> None:
    rng = ctx.rng
    institution = ctx.institution
    themes = list(db.session.scalars(select(Theme).where(
        Theme.institution_id == institution.id).order_by(Theme.position, Theme.id)))
    children = [c for c in ctx.children if c.institution_id == institution.id and c.active]
    weights = [WEIGHTS[i % len(WEIGHTS)] for i in range(len(children))]
    staff = [u for u in ctx.users.values()
             if u.institution_id == institution.id and u.teams]
    # Language and social development dominate, as they tend to; culture is rare.
    theme_bias = (1.0, 1.4, 1.6, 1.0, 0.9, 0.4)
    for number in range(STORY_COUNT):
        child = rng.choices(children, weights=weights)[0]
        group = [child]
        if rng.random() < 0.2:
            mates = [c for c in children if c.team_id == child.team_id and c is not child]
            group.append(rng.choice(mates))
        authors = [u for u in staff if child.team_id in u.team_ids]
        author = rng.choice(authors)
        skeleton = rng.choices(SKELETONS, weights=[
            max(theme_bias[i] for i in s[5]) for s in SKELETONS])[0]
        title, story, learning, next_steps, voice, theme_idx = skeleton
        name = child.first_name
        days_ago = rng.randint(2, 330)
        chosen = {themes[i].id for i in theme_idx if i < len(themes)}
        record = stories.create_story(author, {
            "title": title.format(n=name), "story": story.format(n=name),
            "learning": learning.format(n=name), "next_steps": next_steps.format(n=name),
            "child_voice": voice if rng.random() < 0.6 else "",
            "parent_voice": (f"Hjemme taler {name} også meget om det."
                             if rng.random() < 0.15 else ""),
            "occurred_on": ctx.today - dt.timedelta(days=days_ago),
            "child_ids": [c.id for c in group], "theme_ids": sorted(chosen),
            "team_id": child.team_id,
            "visibility": "private" if rng.random() < 0.1 else "team",
        })
        if days_ago > 60 and rng.random() < 0.5:
            record.next_steps_done = True
            record.next_steps_done_on = record.occurred_on + dt.timedelta(
                days=rng.randint(7, 30))
        in_photo = [c.id for c in group if c.photo_consent != "none"]
        if number % PHOTO_EVERY == 0 and in_photo:
            for _i in range(rng.randint(1, 2)):
                photos.attach_photo(record, io.BytesIO(_image(rng)),
                                    rng.choice(("Undervejs", "Færdig!", "Sammen", "")),
                                    in_photo, author)
    db.session.flush()
