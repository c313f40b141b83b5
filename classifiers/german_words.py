"""The German word tables of `classifiers.glossary`: the everyday words of German news and the separable verbs, as
"german=english" entries. They are read at inference only (`glossary.english_terms`), never for training, so editing
them needs no retraining. Team-written from everyday German and the themes' vocabulary (SPEC section 1)."""

#: General words of German news, as whole words, for what the domain stems leave (`english_terms` only): with them
#: the encoder reads "the shares of the company rise after the expansion" instead of German it cuts into
#: meaningless pieces. A word-by-word rendering keeps German word order, which the mean-pooled features hardly
#: see. A whole word listed here is taken before any stem inside it ("Stromrechnung" is power costs, not power).
#: Entries are "german=english", separated by ";"; the German side is lower-case and matched as a whole word.
GERMAN_WORDS_TEXT = """
der=the; die=the; das=the; den=the; dem=the; des=of the; ein=a; eine=a; einen=a; einem=a; einer=a; eines=of a;
und=and; oder=or; aber=but; sowie=and; mit=with; für=for; über=over; von=of; vom=of the; nach=after; auf=on; im=in
the; ins=into the; zu=to; zum=to the; zur=to the; bei=at; beim=at the; aus=from; an=at; am=at the; um=by; bis=until;
gegen=against; unter=under; seit=since; durch=through; ohne=without; vor=before; hinter=behind; zwischen=between;
wegen=because of; trotz=despite; dank=thanks to; laut=according to; pro=per; je=per; rund=about; etwa=about;
knapp=nearly; fast=almost; mehr=more; weniger=less; als=as; wie=as; so=so; auch=also; noch=still; nur=only;
bereits=already; schon=already; jetzt=now; nun=now; bald=soon; künftig=in future; erstmals=for the first time;
wieder=again; weiter=further; weitere=more; weiteren=more; dort=there; hier=here; damit=so; dafür=for it;
sich=itself; sie=they; er=he; es=it; ihr=its; ihre=its; ihren=its; seine=its; seinen=its; seinem=its; sein=its;
eigene=own; eigenen=own; nicht=not; kein=no; keine=no; dass=that; wenn=if; weil=because; nachdem=after; sobald=as
soon as; während=while; ob=whether; was=what; wer=who; warum=why; viel=much; viele=many; alle=all; beide=both;
beiden=both; mehrere=several; erste=first; ersten=first; erstes=first; zweite=second; neue=new; neuen=new;
neues=new; neuer=new; große=large; großen=large; großer=large; größte=largest; größten=largest; hoch=high;
hohe=high; hohen=high; höher=higher; niedrig=low; niedrige=low; niedrigen=low; niedrigsten=lowest; günstig=cheap;
günstige=cheap; günstigen=cheap; günstigem=cheap; günstiger=cheaper; günstigsten=cheapest; billig=cheap;
billige=cheap; billigen=cheap; billigem=cheap; billiger=cheaper; billigsten=cheapest; teuer=expensive;
teure=expensive; teuren=expensive; erneuerbar=renewable; erneuerbare=renewable; erneuerbaren=renewable;
erneuerbarer=renewable; grün=green; grüne=green; grünen=green; grüner=green; nachhaltig=sustainable;
nachhaltige=sustainable; nachhaltigen=sustainable; nachhaltiger=sustainable; sauber=clean; saubere=clean;
sauberen=clean; sauberer=clean; überschüssige=surplus; überschüssigen=surplus; ungenutzte=unused;
ungenutzten=unused; ehemalige=former; ehemaligen=former; geplante=planned; geplanten=planned; börsennotierte=listed;
börsennotierten=listed; chinesische=chinese; chinesischen=chinese; amerikanische=american; amerikanischen=american;
deutsche=german; deutschen=german; kanadische=canadian; kanadischen=canadian; texanische=texan; texanischen=texan;
norwegische=norwegian; norwegischen=norwegian; schwedische=swedish; schwedischen=swedish; lokale=local;
lokalen=local; staatliche=state; staatlichen=state; weltweit=worldwide; global=global; globalen=global; jahr=year;
jahre=years; jahren=years; jahres=year; monat=month; monate=months; monaten=months; woche=week; wochen=weeks;
tag=day; tage=days; tagen=days; quartal=quarter; quartals=quarter; prozent=percent; millionen=million;
million=million; milliarden=billion; milliarde=billion; mio=million; mrd=billion; ist=is; sind=are; war=was;
waren=were; wird=will; werden=will; wurde=was; wurden=were; worden=been; hat=has; haben=have; hatte=had; hatten=had;
kann=can; können=can; soll=is to; sollen=are to; muss=must; müssen=must; will=wants to; wollen=want to; darf=may;
dürfen=may; würde=would; gibt=gives; geben=give; bekannt=known; meldet=reports; melden=report; meldete=reported;
berichtet=reports; berichten=report; mitgeteilt=announced; teilte=announced; kündigt=announces;
angekündigt=announced; plant=plans; planen=plan; geplant=planned; startet=starts; starten=start; beginnt=begins;
begonnen=begun; steigt=rises; steigen=rise; stieg=rose; stiegen=rose; gestiegen=risen; zulegen=gain; springt=jumps;
springen=jump; sprang=jumped; klettert=climbs; klettern=climb; fällt=falls; fallen=fall; fiel=fell; gefallen=fallen;
sinkt=falls; sinken=fall; sank=fell; gesunken=fallen; bricht=breaks; brechen=break; verliert=loses; verlieren=lose;
verlor=lost; gewinnt=gains; gewinnen=gain; erhält=receives; erhalten=receive; bekommt=gets; sichert=secures;
sichern=secure; gesichert=secured; nutzt=uses; nutzen=use; genutzt=used; nutzung=use; setzt=puts; setzen=put;
zahlt=pays; zahlte=paid; gezahlt=paid; bezahlt=paid; kostet=costs; kosten=costs; spart=saves; sparen=save;
liefert=supplies; liefern=supply; geliefert=delivered; lieferung=delivery; entwickelt=develops; entwickeln=develop;
entwicklung=development; errichtet=builds; errichten=build; gebaut=built; bauen=build; bau=construction;
bauarbeiten=construction; baubeginn=start of construction; eröffnet=opens; eröffnen=open; eröffnung=opening;
betreibt=operates; betreiben=operate; betrieb=operation; betreiber=operator; inbetriebnahme=commissioning;
fertig=finished; fertiggestellt=completed; abgeschlossen=completed; abschluss=completion; schließt=closes;
schließen=close; geschlossen=closed; schließung=closure; erweitert=expands; erweitern=expand; erweiterung=expansion;
expandiert=expands; expandieren=expand; expansion=expansion; wächst=grows; wachsen=grow; wachstum=growth;
verdoppelt=doubles; verdreifacht=triples; investiert=invests; investieren=invest; investition=investment;
investitionen=investments; beteiligt=involved; beteiligung=stake; einstieg=entry; partnert=partners;
kooperation=cooperation; zusammenarbeit=cooperation; gemeinsam=jointly; unterzeichnet=signs; unterzeichnen=sign;
vereinbart=agrees; vereinbarung=agreement; einigt=agrees; einigung=agreement; abkommen=agreement; deal=deal;
zieht=moves; ziehen=move; verlegt=relocates; verlagert=relocates; umzug=relocation; stellt=puts; stehen=stand;
steht=stands; läuft=runs; laufen=run; bringt=brings; bringen=bring; nimmt=takes; nehmen=take; holt=gets;
kommt=comes; kommen=come; geht=goes; gehen=go; hebt=raises; heben=raise; senkt=cuts; senken=cut; drosselt=curtails;
versorgt=supplies; versorgen=supply; versorgung=supply; heizt=heats; heizen=heat; beheizt=heated; heizung=heating;
erzeugt=generates; erzeugen=generate; erzeugung=generation; verbraucht=consumes; verbrauchen=consume;
verbrauch=consumption; verkauft=sells; verkaufen=sell; erwerb=acquisition; erworben=acquired; übernommen=taken over;
fusion=merger; fusioniert=merges; unternehmen=company; unternehmens=company; firma=firm; konzern=group;
tochter=subsidiary; tochterunternehmen=subsidiary; gesellschaft=company; anbieter=provider; kunde=customer;
kunden=customers; partner=partner; anleger=investors; investoren=investors; aktionäre=shareholders;
analysten=analysts; analyst=analyst; börse=stock exchange; handel=trading; kurs=price; kurse=prices; wert=value;
preis=price; preise=prices; markt=market; marktes=market; rekord=record; tief=low; verlust=loss; verluste=losses;
ergebnis=result; ergebnisse=results; bilanz=results; prognose=forecast; ziel=target; einnahmen=revenue;
erträge=earnings; rendite=return; geld=money; mittel=funds; kapital=capital; finanzierung=financing;
finanziert=finances; finanzieren=finance; förderung=funding; anlage=facility; anlagen=facilities; farm=farm;
farmen=farms; halle=hall; hallen=halls; gebäude=building; fabrik=factory; werk=plant; projekt=project;
projekte=projects; projekts=project; standorte=sites; landes=country; länder=countries; region=region;
gemeinde=municipality; stadt=city; staat=state; regierung=government; behörde=authority; behörden=authorities;
politik=politics; politiker=politicians; minister=minister; ministerium=ministry; parlament=parliament;
bürger=citizens; einwohner=residents; anwohner=residents; haushalte=households; haushalten=households;
rechner=computers; maschinen=machines; geräte=devices; hardware=hardware; chips=chips; server=servers;
leistung=capacity; kapazität=capacity; kapazitäten=capacities; rechenleistung=computing power; wärme=heat;
abwärme=waste heat; fernwärme=district heating; hitze=heat; hitzewelle=heatwave; kälte=cold; winter=winter;
sommer=summer; wetter=weather; sturm=storm; wasser=water; wind=wind; sonne=sun; gas=gas; öl=oil; kohle=coal;
ölquellen=oil wells; fluss=river; staudamm=dam; damm=dam; stromrechnung=power costs; stromrechnungen=power costs;
versorger=utility; energieversorger=utility; ökostrom=green power; überschussstrom=surplus power;
überschuss=surplus; klima=climate; umwelt=environment; ausstoß=emissions; rechenzentrum=data center;
datenzentrum=data center; datenzentren=data centers; rechenzentren=data centers; cloud=cloud; krypto=crypto;
kryptowährung=cryptocurrency; kryptowährungen=cryptocurrencies; schürfer=miners; minern=miners; bergbau=mining;
mine=mine; minen=mines; schwierigkeit=difficulty; ankündigung=announcement; bericht=report; nachricht=news;
nachrichten=news; mitteilung=statement; pressemitteilung=press release; grund=reason; gründe=reasons;
folge=consequence; teil=part; hälfte=half; ende=end; anfang=start; mitte=middle; beginn=start;
start=start; phase=phase; stufe=stage; schritt=step; schritte=steps; plan=plan; pläne=plans; strategie=strategy;
wechsel=switch; wandel=shift; umstieg=switch; wende=turn; zukunft=future; chef=chief; gründer=founder;
ans=to the; aufs=onto the; zwei=two; drei=three; vier=four; fünf=five; zehn=ten; hundert=hundred;
mitarbeiter=employees; montag=monday; dienstag=tuesday; mittwoch=wednesday; donnerstag=thursday; freitag=friday;
januar=january; februar=february; märz=march; mai=may; juni=june; juli=july; oktober=october; dezember=december;
ausbaut=expands; ausbauen=expand; ausgebaut=expanded; auszubauen=to expand; umbaut=converts; umbauen=convert;
umgebaut=converted; umzubauen=to convert; umrüsten=convert; umgerüstet=converted; umzurüsten=to convert;
umwandeln=convert; umgewandelt=converted; aufnimmt=raises; aufnehmen=raise; aufgenommen=raised;
aufzunehmen=to raise; ausgibt=issues; ausgeben=issue; ausgegeben=issued; auszugeben=to issue;
aufstocken=increase; aufgestockt=increased; zurückzahlen=repay; zurückgezahlt=repaid;
zurückgekauft=repurchased; einsteigen=enter; eingestiegen=entered; hochfahren=ramp up; hochgefahren=ramped up;
herunterfahren=ramp down; heruntergefahren=ramped down; anschließen=connect; angeschlossen=connected;
einsetzen=deploy; eingesetzt=deployed; bereitstellen=provide; bereitgestellt=provided; zugesagt=committed;
bekanntgegeben=announced; vorgestellt=presented; vorgelegt=presented; ausgesetzt=suspended; einspeisen=feed in;
eingespeist=fed in; abgelehnt=rejected; zugestimmt=approved;
runde=round; sparte=division; sparten=divisions; verbraucher=consumers; zurück=back; zusammen=together;
rechnet=expects; papiere=shares; kommende=coming; kommenden=coming; deutlich=significantly; entstehen=arise;
entsteht=arises; verdienen=earn; verdient=earns; direkt=directly; sechs=six; sieben=seven; acht=eight; neun=nine;
binnen=within; schnitt=average; vorbörslich=premarket; neu=new; komplett=completely; vollständig=fully;
bleibt=remains; bleiben=remain; bereit=ready; statt=instead of; umfasst=comprises; kauf=purchase; käufer=buyer;
fließen=flow; fließt=flows; sonst=otherwise; generatoren=generators; vorübergehend=temporarily; erreicht=reaches;
erreichen=reach; april=april; august=august; september=september; november=november;
hält=holds; halten=hold; kritisiert=criticizes; kaufempfehlung=buy rating; früheren=former; ausschließlich=only;
flotte=fleet; verloren=lost; druck=pressure; mehrheit=majority; branche=industry; industrie=industry;
abhängigkeit=dependence; könnte=could; könnten=could; zunächst=initially; jährlich=annually; gut=good;
lockt=lures; voll=full; bremst=slows; bundesstaat=state; neben=besides; kühlung=cooling; bezieht=sources;
gebiet=area; verfügbare=available; zugleich=at the same time; tausende=thousands; erwägt=considers;
bietet=offers; insolvent=insolvent; insolvenz=bankruptcy; erhöhen=raise; erhöht=raises; stunden=hours;
genehmigt=approved; genehmigung=approval; benachbarten=neighbouring; liegt=lies; schlusskurs=closing price;
verpflichtet=commits; prüft=examines; prüfen=examine; fürchten=fear; welt=world; abfall=waste;
zentrum=center; nahe=near; installiert=installed; zweistellig=double-digit; jüngsten=latest; zuvor=previously;
infrastruktur=infrastructure; sondern=but; zyklus=cycle; verringern=reduce; verringert=reduces; zudem=also;
norwegen=norway; schweden=sweden; finnland=finland; island=iceland; russland=russia; kanada=canada;
äthiopien=ethiopia; kasachstan=kazakhstan; argentinien=argentina; deutschland=germany; europa=europe;
vereinigten=united; staaten=states; nordamerika=north america; skandinavien=scandinavia;
aufgrund=due to; rückgang=decline; möglich=possible; nächste=next; frisch=fresh; garantiert=guaranteed;
profitiert=benefits; verzeichnen=record; prozessoren=processors; aktionär=shareholder; gestrige=yesterday's;
gestern=yesterday; zeitweise=at times; börsengang=IPO; pleite=bankruptcy; liquidität=liquidity;
problem=problem; probleme=problems; erfolgen=take place; gerüchte=rumours; untersagt=prohibits; nähe=vicinity;
präsident=president; geschäft=business; geschäftsbereich=business unit; allzeithoch=all-time high;
ansässige=based; erheblich=significantly; präsenz=presence; verstöße=violations; werbung=advertising;
vorwürfe=allegations; generalstaatsanwalt=attorney general; milliardär=billionaire; gehört=belongs;
einreichung=filing; kooperiert=cooperates; nutzbar=usable; rahmen=framework; ganze=whole; einige=some;
amerikaner=americans; nukleare=nuclear; erwerben=acquire; übernehmen=take over; aufkaufen=buy up; kaufen=buy;
illegal=illegal; durchsuchung=raid; gefunden=found; beschlagnahmt=seized; transformation=transformation;
fundamentale=fundamental; mindestens=at least; innerhalb=within; letzte=last; teilweise=partly; verändert=changes;
rasante=rapid; konkurrent=competitor; bekommen=get; technologie=technology; technologien=technologies;
erfordern=require; enorme=enormous; kleine=small; bedeutend=significant; akteur=player; obwohl=although;
betrachtet=considered; eher=rather; kaum=hardly; rentabel=profitable; temporäre=temporary; beenden=end;
insbesondere=especially; wirtschaftliche=economic; herausforderungen=challenges; ihnen=them; inzwischen=meanwhile;
richtung=direction; innovation=innovation; ressourcen=resources; kürzlich=recently; pilot=pilot; quellen=sources;
lösung=solution; alt=old; alte=old; papier=paper; wertpapier=security; wertpapiere=securities;
stadtwerke=municipal utility; frühjahr=spring; lag=was; dritte=third; lang=long; lassen=let; genommen=taken;
produziert=produces; drücken=push down; drückt=pushes down; entspricht=equals; sei=is; derzeit=currently;
bewertung=valuation; andere=other; da=as; platz=place; fünftel=fifth; zehntel=tenth; besichert=secured;
angaben=information; entwickler=developer; erwartungen=expectations; festpreis=fixed price; eckpunkte=key points;
grad=degrees; norden=north; süden=south; sehen=see; nannte=named; gestrichen=cut; minus=minus;
hochleistung=high-performance; flüssigkühlung=liquid cooling; halbiert=halves; selbst=itself; höhe=amount;
zuletzt=most recently; diese=this; dieser=this; dieses=this; diesem=this; tarif=rate; programm=program;
irreführend=misleading; asien=asia; südostasien=southeast asia; lädt=loads; später=later;
zins=interest; frühe=early; stimmt=agrees; beruft=appoints; decken=cover; bewerten=value; schnappt=snaps up;
geeinigt=agreed; spitzenzeiten=peak hours; erhielt=received;
erlös=proceeds; erlöse=proceeds; besteht=exists; bisher=so far; japanische=japanese; digitale=digital;
batterie=battery; batteriespeicher=battery storage; wuchs=grew; effizienz=efficiency; fährt=drives;
gläubiger=creditors; gläubigerschutz=bankruptcy protection; insolvenzverfahren=bankruptcy proceedings;
restrukturierung=restructuring; umschuldung=refinancing; refinanzierung=refinancing; zahlungsunfähig=insolvent;
zahlungsunfähigkeit=insolvency; privatplatzierung=private placement; platzierung=placement; platziert=places;
schuldverschreibung=notes; schuldverschreibungen=notes; wandelschuldverschreibung=convertible notes;
wandelschuldverschreibungen=convertible notes; zinssatz=interest rate; laufzeit=term; fällig=due;
kreditgeber=lender; aktienangebot=share offering; aktienverkauf=share sale; eigenkapital=equity;
fremdkapital=debt; finanzspritze=cash injection; geldspritze=cash injection; kapitalrunde=funding round;
finanzierungsrunde=funding round; moratorium=moratorium; auflagen=requirements; umweltauflagen=environmental
rules; bußgeld=fine; geldstrafe=fine; strafe=penalty; staatsanwalt=prosecutor; staatsanwaltschaft=prosecutors;
ermittlung=investigation; ermittlungen=investigation; untersuchung=investigation; aufsicht=supervision;
finanzaufsicht=financial regulator; verordnung=regulation; vorschrift=rule; vorschriften=rules; abgabe=levy;
sonderabgabe=special levy; stromsteuer=power tax; energiesteuer=energy tax; klimaschutz=climate protection;
klimaziele=climate targets; lärm=noise; lärmbelästigung=noise complaints; anhörung=hearing; zulassung=license;
lizenz=license; lizenzen=licenses; genehmigungsverfahren=permit process; bauantrag=planning application;
einspruch=objection; gericht=court; richter=judge; urteil=ruling; sanktionen=sanctions;
netzstabilität=grid stability; netzstabilisierung=grid balancing; spitzenlast=peak load; lastspitzen=peak load;
flexibel=flexible; stromüberschuss=surplus power; abfackeln=flaring; methan=methane; deponiegas=landfill gas;
biogas=biogas; geothermie=geothermal power; erdwärme=geothermal power; wärmerückgewinnung=heat recovery;
immersionskühlung=immersion cooling; langfristig=long-term; mehrjährig=multi-year; beschleuniger=accelerators;
zusammenschluss=merger; anteil=stake; anteile=shares; erschließung=development; spatenstich=groundbreaking;
grundsteinlegung=groundbreaking; baustart=start of construction; fertigstellung=completion;
speicher=storage; rechenressourcen=compute resources; rechenkapazität=computing capacity;
rechenkapazitäten=computing capacity
"""

#: German separable verbs, for `english_terms`. In a main clause the finite verb stands second and its particle
#: ends the clause: "Riot schaltet in Texas 300 MW ab" (powers down), "Hut 8 baut den Standort zum
#: KI-Rechenzentrum um" (converts), "Die Aktie legt 8 % zu" (gains). Word by word, the verb alone says something
#: else ("puts", "builds") and the particle reads as a preposition ("from", "by"), so the verb takes the English of
#: the pair and the particle goes. Entries are "form/form/... particle=english", separated by ";": the present and
#: past forms of the third person, all meaning the same with that particle. Each "|cue/cue=english" after it gives
#: another English when one of the cue words stands between verb and particle ("nimmt 500 Mio. Dollar auf" raises
#: money, "nimmt den Betrieb auf" starts operation). Pairs whose meaning the sentence alone does not settle are
#: left out ("zieht an": rises, or attracts; "fällt aus": fails, or turns out). Team-written from everyday German.
SEPARABLE_VERBS_TEXT = """
schaltet/schalten/schaltete/schalteten ab=powers down; schließt/schließen/schloss/schlossen ab=concludes;
stößt/stoßen/stieß/stießen ab=sells off; schreibt/schreiben/schrieb/schrieben ab=writes off;
lehnt/lehnen/lehnte/lehnten ab=rejects; regelt/regeln/regelte/regelten ab=curtails; sagt/sagen/sagte/sagten
ab=cancels; sichert/sichern/sicherte/sicherten ab=hedges; ruft/rufen/rief/riefen ab=draws down;
stuft/stufen/stufte/stuften ab=downgrades; wandert/wandern/wanderte/wanderten ab=moves away;
zieht/ziehen/zog/zogen ab=withdraws; stürzt/stürzen/stürzte/stürzten ab=plunges; sackt/sacken/sackte/sackten
ab=slumps; rutscht/rutschen/rutschte/rutschten ab=slides; wirft/werfen/warf/warfen ab=yields;
nimmt/nehmen/nahm/nahmen ab=decreases|strom/kapazität/kapazitäten/leistung/energie=buys;
baut/bauen/baute/bauten ab=cuts|rechner/miner/maschinen/anlage/anlagen=dismantles|bitcoin/bitcoins/btc=mines;
kündigt/kündigen/kündigte/kündigten an=announces; schließt/schließen/schloss/schlossen an=connects;
bietet/bieten/bot/boten an=offers; treibt/treiben/trieb/trieben an=drives; hebt/heben/hob/hoben an=raises;
steigt/steigen/stieg/stiegen an=rises; strebt/streben/strebte/strebten an=aims for; läuft/laufen/lief/liefen
an=starts up; schafft/schaffen/schaffte/schafften an=acquires; passt/passen/passte/passten an=adjusts;
meldet/melden/meldete/meldeten an=files; fängt/fangen/fing/fingen an=begins; nimmt/nehmen/nahm/nahmen an=accepts;
nimmt/nehmen/nahm/nahmen auf=raises|betrieb/produktion/arbeit/gespräche/verhandlungen/handel/mining=starts;
stockt/stocken/stockte/stockten auf=increases; baut/bauen/baute/bauten auf=builds up; kauft/kaufen/kaufte/kauften
auf=buys up; legt/legen/legte/legten auf=launches; rüstet/rüsten/rüstete/rüsteten auf=upgrades;
holt/holen/holte/holten auf=catches up; gibt/geben/gab/gaben auf=gives up; löst/lösen/löste/lösten auf=dissolves;
ruft/rufen/rief/riefen auf=calls on; stellt/stellen/stellte/stellten auf=sets up; weist/weisen/wies/wiesen
auf=shows;
baut/bauen/baute/bauten aus=expands; weitet/weiten/weitete/weiteten aus=expands; gibt/geben/gab/gaben
aus=issues|für=spends; steigt/steigen/stieg/stiegen aus=exits;
setzt/setzen/setzte/setzten aus=suspends; läuft/laufen/lief/liefen aus=expires; zahlt/zahlen/zahlte/zahlten
aus=pays out; schreibt/schreiben/schrieb/schrieben aus=tenders; weist/weisen/wies/wiesen aus=reports;
tauscht/tauschen/tauschte/tauschten aus=exchanges; nutzt/nutzen/nutzte/nutzten aus=takes advantage of;
wandert/wandern/wanderte/wanderten aus=moves abroad;
stellt/stellen/stellte/stellten ein=halts|mitarbeiter/personal/beschäftigte/leute/manager/experten=hires;
steigt/steigen/stieg/stiegen ein=enters; setzt/setzen/setzte/setzten ein=deploys; führt/führen/führte/führten
ein=introduces; bricht/brechen/brach/brachen ein=slumps; nimmt/nehmen/nahm/nahmen ein=earns;
kauft/kaufen/kaufte/kauften ein=buys; reicht/reichen/reichte/reichten ein=files; leitet/leiten/leitete/leiteten
ein=initiates; speist/speisen/speiste/speisten ein=feeds; schränkt/schränken/schränkte/schränkten ein=restricts;
friert/frieren/fror/froren ein=freezes; spart/sparen/sparte/sparten ein=saves; geht/gehen/ging/gingen ein=enters
into|auf=responds to; fährt/fahren/fuhr/fuhren ein=posts; sammelt/sammeln/sammelte/sammelten ein=raises;
wirbt/werben/warb/warben ein=raises;
baut/bauen/baute/bauten um=converts; rüstet/rüsten/rüstete/rüsteten um=converts; stellt/stellen/stellte/stellten
um=switches; setzt/setzen/setzte/setzten
um=implements|dollar/euro/mio/millionen/milliarden/mrd=turns over; wandelt/wandeln/wandelte/wandelten um=converts;
strukturiert/strukturieren/strukturierte/strukturierten um=restructures; widmet/widmen/widmete/widmeten
um=repurposes; zieht/ziehen/zog/zogen um=relocates; schuldet/schulden/schuldete/schuldeten um=refinances;
tauscht/tauschen/tauschte/tauschten um=exchanges; steigt/steigen/stieg/stiegen um=switches;
sattelt/satteln/sattelte/sattelten um=switches;
legt/legen/legte/legten zu=gains; nimmt/nehmen/nahm/nahmen zu=increases; kauft/kaufen/kaufte/kauften zu=buys;
sagt/sagen/sagte/sagten zu=commits; stimmt/stimmen/stimmte/stimmten zu=approves;
schaltet/schalten/schaltete/schalteten zu=adds;
gibt/geben/gab/gaben nach=eases; legt/legen/legte/legten nach=adds; bessert/bessern/besserte/besserten
nach=sweetens; rüstet/rüsten/rüstete/rüsteten nach=retrofits; zieht/ziehen/zog/zogen nach=follows suit;
lässt/lassen/ließ/ließen nach=weakens; kauft/kaufen/kaufte/kauften nach=buys more;
stellt/stellen/stellte/stellten vor=presents; legt/legen/legte/legten vor=presents; schlägt/schlagen/schlug/schlugen
vor=proposes; sieht/sehen/sah/sahen vor=provides for; bereitet/bereiten/bereitete/bereiteten vor=prepares;
geht/gehen/ging/gingen vor=takes action; treibt/treiben/trieb/trieben voran=advances;
kauft/kaufen/kaufte/kauften zurück=repurchases; zahlt/zahlen/zahlte/zahlten zurück=repays;
fährt/fahren/fuhr/fuhren zurück=scales back; geht/gehen/ging/gingen zurück=declines; zieht/ziehen/zog/zogen
zurück=withdraws; tritt/treten/trat/traten zurück=resigns; weist/weisen/wies/wiesen zurück=rejects;
hält/halten/hielt/hielten zurück=holds back; nimmt/nehmen/nahm/nahmen zurück=withdraws;
fällt/fallen/fiel/fielen zurück=falls back;
fährt/fahren/fuhr/fuhren hoch=ramps up; fährt/fahren/fuhr/fuhren herunter=ramps down; fährt/fahren/fuhr/fuhren
runter=ramps down; schraubt/schrauben/schraubte/schraubten hoch=raises; stuft/stufen/stufte/stuften hoch=upgrades;
gibt/geben/gab/gaben bekannt=announces; teilt/teilen/teilte/teilten mit=announces; nimmt/nehmen/nahm/nahmen
teil=participates; legt/legen/legte/legten fest=sets; stellt/stellen/stellte/stellten bereit=provides;
setzt/setzen/setzte/setzten fort=continues; führt/führen/führte/führten fort=continues; legt/legen/legte/legten
offen=discloses; gibt/geben/gab/gaben frei=approves; findet/finden/fand/fanden statt=takes place;
stellt/stellen/stellte/stellten fertig=completes
"""
