"""Demo texts: observations the way pedagogues and teachers write them. Concrete
descriptions (who said and did what, and how the children reacted), interpretation
kept apart, wonderings as questions. ``{a}`` is the observed colleague's first name,
``{c1}``..``{c3}`` children. Danish on purpose: this is content, not UI."""

# (situation, themes (daycare names), focus, body, interpretation, wonderings)
DAYCARE = (
    ("samling", ("Kommunikation og sprog", "Social udvikling"),
     "Hvordan giver jeg de stille børn plads til at sige noget i samlingen?",
     "{a} ventede med at begynde, til alle børn sad ned. Da {c1} afbrød, lagde {a} en hånd "
     "på hans skulder og sagde: \"Du får ordet lige efter {c2}.\" {c1} ventede. {c2} sagde "
     "først ingenting; {a} ventede roligt i vel fem sekunder og spurgte så: \"Vil du vise "
     "os det med hænderne?\" {c2} viste, hvor stor snebolden havde været, og flere børn grinede "
     "med.",
     "Jeg tænker, at pausen gav {c2} tid, og at tilbuddet om at vise i stedet for at sige "
     "gjorde det lettere at være med.",
     "Hvad ville der ske, hvis vi lod børnene vise før de fortæller, hver gang? Hvordan "
     "oplever {c1} at skulle vente?"),
    ("frokost", ("Social udvikling", "Alsidig personlig udvikling"),
     "Hvad sker der ved bordet, når jeg rejser mig for at hente noget?",
     "Under frokosten rejste {a} sig to gange for at hente mælk og en klud. Begge gange "
     "blev der mere uro ved bordet: {c1} tog {c3}s gaffel, og {c3} begyndte at græde. "
     "Da {a} satte sig igen, spurgte hun: \"Hvad skete der her?\" {c1} sagde: \"Den var "
     "min.\" {a} hjalp dem med at finde en gaffel mere.",
     "Det ser ud til, at børnene bruger den voksne ved bordet som anker. Når ankeret går, "
     "bliver konflikterne flere.",
     "Kunne vi stille kanden og kluden på bordet før vi sætter os? Hvad ville børnene selv "
     "foreslå?"),
    ("garderobe", ("Alsidig personlig udvikling", "Krop, sanser og bevægelse"),
     "Hjælper jeg for hurtigt i garderoben?",
     "{c1} sad med sin ene støvle i ti-femten sekunder. {a} satte sig på hug ved siden af "
     "og sagde: \"Den er svær, hva'? Hvad kan du prøve?\" {c1} trak i stroppen, og støvlen "
     "kom på. {c1} kiggede op og smilede. Lidt efter hjalp {a} {c2} med lynlåsen uden at "
     "spørge først.",
     "Ved {c1} ventede {a} og stillede et spørgsmål; ved {c2} hjalp hun med det samme. "
     "Måske fordi der var travlt, og døren til legepladsen stod åben.",
     "Hvad afgør, hvornår vi venter, og hvornår vi hjælper? Hvordan kan vi give os selv "
     "tid, når der er travlt?"),
    ("leg", ("Social udvikling", "Kultur, æstetik og fællesskab"),
     "Hvordan kommer jeg ind i legen uden at overtage den?",
     "{c1} og {c2} legede butik i dukkekrogen. {c3} stod og kiggede. {a} satte sig ved "
     "siden af {c3} og sagde højt: \"Jeg vil gerne købe et æble. Har I også nogen, der kan "
     "bære varerne hjem?\" {c2} sagde: \"{c3} kan være bud!\" {c3} gik ind i legen. Efter "
     "et par minutter rejste {a} sig og gik, og legen fortsatte med alle tre.",
     "Min tolkning er, at {a} åbnede en rolle for {c3} inde fra legen i stedet for at bede "
     "de to andre om at lukke {c3} ind.",
     "Hvornår er det godt at gå ind i legen, og hvornår skal vi blive udenfor? Hvad lagde "
     "{c3} selv mærke til?"),
    ("udeliv", ("Natur, udeliv og science", "Kommunikation og sprog"),
     "Hvilke spørgsmål stiller jeg, når vi er i skoven?",
     "Ved vandpytten fandt {c1} en regnorm. {a} spurgte: \"Hvad tror du, den laver her?\" "
     "{c1} svarede: \"Den svømmer.\" {a} sagde: \"Hvordan kan vi finde ud af det?\" Tre "
     "børn samledes, og {c2} hentede en pind. De talte om, hvor ormen ville hen. {a} "
     "sagde ikke, hvad der var rigtigt, men gentog børnenes ord: \"Du tror, den vil ned.\"",
     "Det åbne spørgsmål og gentagelsen af børnenes ord holdt samtalen i gang i lang tid.",
     "Hvad ville der ske, hvis vi tog en lup med? Hvordan følger vi op på ormen i morgen?"),
    ("overgang", ("Alsidig personlig udvikling", "Social udvikling"),
     "Hvorfor bliver der så meget ventetid, når vi går fra leg til frokost?",
     "Fra {a} sagde \"Nu rydder vi op\" til alle sad ved bordet, gik der 14 minutter. "
     "Fire børn var færdige efter tre minutter og stod ved døren. {c1} og {c2} begyndte at "
     "skubbe. {a} sagde to gange: \"Vent lige.\" Da {a} gav {c1} opgaven at tælle "
     "tallerkener, faldt der ro på.",
     "Det virker, som om ventetiden skaber uroen, mere end børnene selv gør.",
     "Kunne de børn, der er færdige, få en opgave fra start? Hvem bestemmer, hvornår "
     "oprydningen er færdig?"),
    ("aflevering", ("Alsidig personlig udvikling",),
     "Hvordan tager jeg imod, når et barn er ked af det ved afleveringen?",
     "{c1}s far skulle gå, og {c1} holdt fast i hans jakke. {a} satte sig på gulvet i "
     "øjenhøjde og sagde: \"Far skal på arbejde. Skal vi vinke fra vinduet?\" {c1} "
     "nikkede, og de gik hen til vinduet sammen. Bagefter sad {c1} på {a}s skød i to "
     "minutter og gik så selv hen til {c2} ved puslespillene.",
     "Det faste ritual med vinduet ser ud til at give {c1} noget at holde fast i.",
     "Har alle børn et ritual ved afleveringen? Hvad gør vi de dage, hvor der ikke er tid "
     "til vinduet?"),
    ("samling", ("Kommunikation og sprog", "Kultur, æstetik og fællesskab"),
     "Får alle børn lov at være med, når vi synger?",
     "{a} lod børnene vælge sange ved at trække et kort fra posen. {c1} trak to gange, "
     "fordi {c1} sad tættest på. {c2} rakte hånden op fire gange uden at blive set. Da "
     "{a} opdagede det, sagde hun: \"{c2}, du har ventet længe. Vil du vælge den næste?\" "
     "{c2} smilede og valgte \"Lille Peter Edderkop\".",
     "Pladsen i rundkredsen betyder meget for, hvem der bliver set.",
     "Hvordan kan vi lade posen gå rundt, så rækkefølgen bliver tydelig for børnene?"),
    ("frokost", ("Kommunikation og sprog",),
     "Hvad taler vi om ved frokostbordet?",
     "Jeg talte replikker i ti minutter. {a} sagde 23 ting, børnene tilsammen 31. De fleste "
     "af {a}s replikker var beskeder: \"Sid ordentligt\", \"Spis din mad først\". Da {c1} "
     "fortalte om sin hund, spurgte {a}: \"Hvad hedder den?\" Så fortalte {c2} og {c3} også "
     "om dyr, og samtalen varede resten af måltidet.",
     "Ét nysgerrigt spørgsmål ændrede hele samtalen ved bordet.",
     "Hvad ville der ske, hvis vi havde et samtaleemne med til bordet? Hvilke børn siger "
     "mindst ved frokosten?"),
    ("leg", ("Krop, sanser og bevægelse",),
     "Hvordan støtter jeg børn, der ikke tør klatre?",
     "{c1} stod ved klatrestativet og kiggede på de andre. {a} sagde: \"Vil du prøve det "
     "første trin? Jeg står lige her.\" {c1} satte en fod op og tog den ned igen. {a} "
     "sagde: \"Det var modigt at prøve.\" Efter to minutter prøvede {c1} igen og kom op på "
     "andet trin. {c1} råbte: \"Se mig!\"",
     "Anerkendelsen af forsøget, ikke resultatet, så ud til at give {c1} mod til at prøve "
     "igen.",
     "Hvordan kan vi følge {c1}s mod de næste uger? Hvem kan {c1} klatre sammen med?"),
)

SCHOOL = (
    ("lektion", ("Klasseledelse", "Relationer"),
     "Hvordan starter jeg timen, så alle er med fra begyndelsen?",
     "{a} stod ved døren og hilste på hver elev ved navn. Da klokken ringede, stod dagens "
     "program på tavlen. {c1} kom for sent; {a} nikkede og pegede på tavlen uden at afbryde. "
     "Efter to minutter arbejdede alle med opgave 1.",
     "Den rolige start og det synlige program gjorde, at {a} ikke behøvede at råbe op.",
     "Hvordan oplever eleverne selv starten på timen? Hvad gør vi, når programmet ændres?"),
    ("lektion", ("Feedback", "Differentiering"),
     "Hvilken feedback giver jeg, mens eleverne arbejder?",
     "Jeg noterede {a}s feedback i 15 minutter: 11 gange. Syv gange var det \"Godt\" eller "
     "\"Flot\". Fire gange var det et spørgsmål: \"Hvordan fandt du frem til det?\" Efter "
     "spørgsmålet til {c1} rettede {c1} selv en fejl. {c2} fik ingen feedback i perioden.",
     "Spørgsmålene satte mere i gang end rosen. Måske sad {c2} for langt fra {a}s rute.",
     "Hvad ville der ske, hvis {a} bevidst brugte flere spørgsmål? Hvordan sikrer vi, at "
     "alle elever bliver set i løbet af en time?"),
    ("overgang", ("Overgange", "Klasseledelse"),
     "Hvad sker der i skiftet fra gruppearbejde til fælles opsamling?",
     "{a} sagde: \"Om to minutter samler vi op.\" Derefter talte hun ned fra fem med "
     "fingrene. Tre grupper stoppede med det samme; gruppen med {c1} og {c2} fortsatte. "
     "{a} gik hen til gruppen og spurgte: \"Hvad er I nået frem til?\" De fortalte det "
     "senere i opsamlingen som de første.",
     "At gå hen til gruppen i stedet for at råbe fra tavlen gav dem en god start på "
     "opsamlingen.",
     "Hvordan kan vi gøre nedtællingen tydelig for dem, der er dybt inde i arbejdet?"),
)

RESPONSES = (
    "Tak. Jeg lagde ikke selv mærke til pausen, men jeg kan se, at den virkede. Jeg vil "
    "prøve at holde den bevidst de næste uger.",
    "Det er rart at få beskrevet så konkret. Jeg tror, jeg hjælper for hurtigt, når døren "
    "står åben. Lad os tage det op på næste møde.",
    "Jeg blev overrasket over tallene. Jeg vil prøve at stille et spørgsmål mere, før jeg "
    "giver en besked.",
    "Godt set. Jeg vidste ikke, at ventetiden var så lang. Kan vi prøve opgaver til dem, "
    "der bliver færdige først?",
)

COMMENTS = (
    "Det genkender jeg fra vores stue. Vi har prøvet at stille kanden på bordet, og det hjalp.",
    "Spændende! Må jeg komme og kigge med, når I prøver det næste gang?",
    "Kan vi tage det med som eksempel på refleksionsmødet?",
    "Tak for at dele. Jeg tænker på, om det samme sker ved eftermiddagsmaden.",
)

REQUEST_FOCI = (
    ("samling", "Kan du kigge efter, hvem der får ordet i samlingen, og hvem der ikke gør?"),
    ("frokost", "Jeg bliver ved med at rejse mig ved frokosten. Hvad sker der, når jeg gør?"),
    ("garderobe", "Hjælper jeg for hurtigt, når vi klæder på? Tæl gerne, hvor længe jeg venter."),
    ("overgang", "Overgangen fra leg til frokost er kaotisk. Hvad ser du?"),
    ("leg", "Hvordan kommer jeg ind i rollelegen uden at overtage den?"),
    ("udeliv", "Hvilke spørgsmål stiller jeg børnene på turen?"),
    ("aflevering", "Hvordan tager jeg imod børn, der er kede af det om morgenen?"),
    ("samling", "Hvordan afslutter jeg samlingen, så børnene ikke bare løber?"),
    ("Eftermiddagsfrugt", "Kan du kigge på, hvordan jeg fordeler ordet, når vi spiser frugt?"),
    ("lektion", "Hvordan fordeler jeg min opmærksomhed mellem eleverne i matematik?"),
)
