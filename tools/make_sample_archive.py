#!/usr/bin/env python3
"""Generate archiveviewer/resources/sample-archive.xml, the archive shown with no account.

The archive belongs to romeo@montague.lit. Its conversations are lines of
Shakespeare's *Romeo and Juliet* (public domain), quoted or shortened, spread
over the spring and summer of 1469 (the seed's examples take place on
1469-07-21). One groupchat room with nicknames, notes, subjects, and one
message that arrived offline (written with ``utc`` before its collection's
start) exercise what the file format can hold.

Run from the repository root: ``.venv/bin/python tools/make_sample_archive.py``.
The output is deterministic.
"""

# Dialogue lines are kept whole, one per line, however long.
# ruff: noqa: E501

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from archiveviewer.domain import Collection, CollectionId, Direction, Item, Message, Note
from archiveviewer.formats.xep0136_file import write_archive

OWNER = "romeo@montague.lit"
OUT = Path(__file__).resolve().parents[1] / "archiveviewer" / "resources" / "sample-archive.xml"

# Each conversation: (with, start, subject, script). In a script, "> " lines
# are Romeo's (sent), "< " lines the contact's (received), "nick: " lines are
# groupchat messages, "# " lines are Romeo's private notes.
CONVERSATIONS: list[tuple[str, str, str | None, str]] = [
    ("benvolio@montague.lit/street", "1469-05-02T09:12:40", "Sad hours seem long", """
< Good morrow, cousin.
> Is the day so young?
< But new struck nine.
> Ay me! sad hours seem long. Was that my father that went hence so fast?
< It was. What sadness lengthens Romeo's hours?
> Not having that which, having, makes them short.
< In love?
> Out—
< Of love?
> Out of her favour, where I am in love.
< Alas that love, so gentle in his view, should be so tyrannous and rough in proof!
> Where shall we dine? O me! What fray was here?
> Yet tell me not, for I have heard it all.
> Here's much to do with hate, but more with love.
< No, coz, I rather weep.
> Good heart, at what?
< At thy good heart's oppression.
> Farewell, my coz.
< Soft! I will go along; an if you leave me so, you do me wrong.
> Tut, I have lost myself; I am not here. This is not Romeo, he's some other where.
< Tell me in sadness, who is that you love?
> In sadness, cousin, I do love a woman.
< I aimed so near when I supposed you loved.
> A right good markman! And she's fair I love.
< A right fair mark, fair coz, is soonest hit.
> She hath forsworn to love, and in that vow do I live dead that live to tell it now.
< Be ruled by me, forget to think of her.
> O teach me how I should forget to think.
< By giving liberty unto thine eyes; examine other beauties.
> Farewell. Thou canst not teach me to forget.
< I'll pay that doctrine, or else die in debt.
# Benvolio means well. Rosaline will not be moved.
"""),
    ("benvolio@montague.lit/street", "1469-07-14T17:40:05", "The Capulets' feast", """
< At this same ancient feast of Capulet's sups the fair Rosaline whom thou so loves.
< Go thither, and with unattainted eye compare her face with some that I shall show.
> When the devout religion of mine eye maintains such falsehood, then turn tears to fires.
< Tut, you saw her fair, none else being by.
> I'll go along, no such sight to be shown, but to rejoice in splendour of mine own.
< We'll measure them a measure and be gone.
> Give me a torch. I am not for this ambling; being but heavy I will bear the light.
"""),
    ("mercutio@verona.lit/masque", "1469-07-14T20:05:51", "Queen Mab", """
< Nay, gentle Romeo, we must have you dance.
> Not I, believe me. You have dancing shoes with nimble soles; I have a soul of lead.
< You are a lover; borrow Cupid's wings and soar with them above a common bound.
> I dreamt a dream tonight.
< And so did I.
> Well, what was yours?
< That dreamers often lie.
> In bed asleep, while they do dream things true.
< O, then I see Queen Mab hath been with you. She is the fairies' midwife.
< She comes in shape no bigger than an agate stone on the forefinger of an alderman.
< Drawn with a team of little atomies over men's noses as they lie asleep.
< And in this state she gallops night by night through lovers' brains, and then they dream of love.
> Peace, peace, Mercutio, peace! Thou talk'st of nothing.
< True, I talk of dreams, which are the children of an idle brain.
< Begot of nothing but vain fantasy, which is as thin of substance as the air.
> I fear, too early, for my mind misgives some consequence yet hanging in the stars.
> But he that hath the steerage of my course direct my sail! On, lusty gentlemen.
"""),
    ("juliet@capulet.lit/ball", "1469-07-14T21:26:03", "Palm to palm", """
> O, she doth teach the torches to burn bright!
> If I profane with my unworthiest hand this holy shrine, the gentle sin is this:
> My lips, two blushing pilgrims, ready stand to smooth that rough touch with a tender kiss.
< Good pilgrim, you do wrong your hand too much, which mannerly devotion shows in this.
< For saints have hands that pilgrims' hands do touch, and palm to palm is holy palmers' kiss.
> Have not saints lips, and holy palmers too?
< Ay, pilgrim, lips that they must use in prayer.
> O then, dear saint, let lips do what hands do. They pray; grant thou, lest faith turn to despair.
< Saints do not move, though grant for prayers' sake.
> Then move not while my prayer's effect I take.
< Then have my lips the sin that they have took.
> Sin from my lips? O trespass sweetly urged! Give me my sin again.
< You kiss by th' book.
< Madam your mother craves a word with you. — The nurse calls. I must go.
> What is her mother?
< Her mother is the lady of the house. I nursed her daughter that you talked withal.
> Is she a Capulet? O dear account! My life is my foe's debt.
< Go ask his name. If he be married, my grave is like to be my wedding bed.
< My only love sprung from my only hate!
# Her name is Juliet. A Capulet.
"""),
    ("juliet@capulet.lit/balcony", "1469-07-14T23:31:12", "She speaks!", """
> But soft, what light through yonder window breaks? It is the east, and Juliet is the sun.
< Ay me.
> She speaks. O, speak again, bright angel!
< O Romeo, Romeo, wherefore art thou Romeo?
< Deny thy father and refuse thy name. Or if thou wilt not, be but sworn my love, and I'll no longer be a Capulet.
> Shall I hear more, or shall I speak at this?
< 'Tis but thy name that is my enemy. Thou art thyself, though not a Montague.
< What's in a name? That which we call a rose by any other word would smell as sweet.
> I take thee at thy word. Call me but love, and I'll be new baptized.
< What man art thou that, thus bescreened in night, so stumblest on my counsel?
> By a name I know not how to tell thee who I am. My name, dear saint, is hateful to myself.
< My ears have yet not drunk a hundred words of thy tongue's uttering, yet I know the sound.
< Art thou not Romeo, and a Montague?
> Neither, fair maid, if either thee dislike.
< How cam'st thou hither, tell me, and wherefore? The orchard walls are high and hard to climb.
> With love's light wings did I o'erperch these walls, for stony limits cannot hold love out.
< If they do see thee, they will murder thee.
> Alack, there lies more peril in thine eye than twenty of their swords.
< I would not for the world they saw thee here.
> I have night's cloak to hide me from their eyes.
< By whose direction found'st thou out this place?
> By love, that first did prompt me to inquire.
< Dost thou love me? I know thou wilt say 'Ay', and I will take thy word.
< O gentle Romeo, if thou dost love, pronounce it faithfully.
> Lady, by yonder blessed moon I vow, that tips with silver all these fruit-tree tops—
< O swear not by the moon, th' inconstant moon, that monthly changes in her circled orb.
> What shall I swear by?
< Do not swear at all; or if thou wilt, swear by thy gracious self.
> If my heart's dear love—
< Well, do not swear. Although I joy in thee, I have no joy of this contract tonight.
< It is too rash, too unadvised, too sudden, too like the lightning.
< This bud of love, by summer's ripening breath, may prove a beauteous flower when next we meet.
> O wilt thou leave me so unsatisfied?
< What satisfaction canst thou have tonight?
> Th' exchange of thy love's faithful vow for mine.
< I gave thee mine before thou didst request it, and yet I would it were to give again.
< My bounty is as boundless as the sea, my love as deep. The more I give to thee, the more I have.
< I hear some noise within. Dear love, adieu! Anon, good nurse! Sweet Montague, be true.
> O blessed, blessed night! I am afeard, being in night, all this is but a dream.
< Three words, dear Romeo, and good night indeed.
< If that thy bent of love be honourable, thy purpose marriage, send me word tomorrow.
< By one that I'll procure to come to thee, where and what time thou wilt perform the rite.
> So thrive my soul—
< A thousand times good night!
> A thousand times the worse, to want thy light.
< Romeo!
> My dear?
< What o'clock tomorrow shall I send to thee?
> By the hour of nine.
< I will not fail. 'Tis twenty years till then. I have forgot why I did call thee back.
> Let me stand here till thou remember it.
< 'Tis almost morning. I would have thee gone.
< Good night, good night! Parting is such sweet sorrow that I shall say good night till it be morrow.
> Sleep dwell upon thine eyes, peace in thy breast!
# Send word to the Friar's cell at first light.
"""),
    ("friar@verona.lit/cell", "1469-07-15T05:48:27", "Holy Saint Francis", """
> Good morrow, father.
< Benedicite! What early tongue so sweet saluteth me?
< Young son, it argues a distempered head so soon to bid good morrow to thy bed.
< Or if not so, then here I hit it right: our Romeo hath not been in bed tonight.
> That last is true. The sweeter rest was mine.
< God pardon sin! Wast thou with Rosaline?
> With Rosaline, my ghostly father? No. I have forgot that name and that name's woe.
< That's my good son. But where hast thou been then?
> I have been feasting with mine enemy.
> Then plainly know, my heart's dear love is set on the fair daughter of rich Capulet.
> When and where and how we met, we wooed, and made exchange of vow, I'll tell thee as we pass.
> But this I pray, that thou consent to marry us today.
< Holy Saint Francis, what a change is here! Is Rosaline, that thou didst love so dear, so soon forsaken?
< Young men's love then lies not truly in their hearts, but in their eyes.
> Thou chid'st me oft for loving Rosaline.
< For doting, not for loving, pupil mine.
> I pray thee chide me not. Her I love now doth grace for grace and love for love allow.
< But come, young waverer, come, go with me. In one respect I'll thy assistant be.
< For this alliance may so happy prove to turn your households' rancour to pure love.
> O let us hence! I stand on sudden haste.
< Wisely and slow. They stumble that run fast.
"""),
    ("nurse@capulet.lit", "1469-07-15T12:03:09", "A message from the lady", """
< Pray you, sir, a word. My young lady bid me inquire you out.
< What she bid me say I will keep to myself. But first let me tell ye, if ye should lead her into a fool's paradise, it were a very gross kind of behaviour.
> Nurse, commend me to thy lady and mistress. I protest unto thee—
< Good heart, and i' faith I will tell her as much. Lord, Lord, she will be a joyful woman.
> What wilt thou tell her, nurse? Thou dost not mark me.
< I will tell her, sir, that you do protest, which, as I take it, is a gentlemanlike offer.
> Bid her devise some means to come to shrift this afternoon.
> And there she shall at Friar Laurence' cell be shrived and married.
> Here is for thy pains.
< No, truly, sir, not a penny.
> Go to, I say you shall.
< This afternoon, sir? Well, she shall be there.
> And stay, good nurse, behind the abbey wall. Within this hour my man shall be with thee.
> And bring thee cords made like a tackled stair, which to the high top-gallant of my joy must be my convoy in the secret night.
< Now God in heaven bless thee! Hark you, sir.
> What say'st thou, my dear nurse?
< Is your man secret? Did you ne'er hear say, two may keep counsel, putting one away?
> I warrant thee, my man's as true as steel.
< Well, sir, my mistress is the sweetest lady. Lord, Lord! when 'twas a little prating thing—
> Commend me to thy lady.
< Ay, a thousand times. Peter! Take my fan, and go before, and apace.
"""),
    ("juliet@capulet.lit/chamber", "1469-07-15T15:20:44", "Come to shrift", """
< The clock struck nine when I did send the nurse. In half an hour she promised to return.
< Perchance she cannot meet him. That's not so.
< Now is the sun upon the highmost hill of this day's journey, and from nine till twelve is three long hours, yet she is not come.
> She is come? The nurse found thee?
< She is come, and she is weary, and her bones ache. But she says thou wilt be at the Friar's.
> Hie you hence to Friar Laurence' cell. There stays a husband to make you a wife.
< Hie to high fortune! Honest nurse, farewell.
> Ah, Juliet, if the measure of thy joy be heaped like mine, then sweeten with thy breath this neighbour air.
< Conceit, more rich in matter than in words, brags of his substance, not of ornament.
< They are but beggars that can count their worth.
> Come, come with me, and we will make short work.
"""),
    ("square@conference.verona.lit", "1469-07-16T14:02:18", "A hot day", """
benvolio: I pray thee, good Mercutio, let's retire. The day is hot, the Capels are abroad.
benvolio: And if we meet, we shall not scape a brawl, for now these hot days is the mad blood stirring.
mercutio: Thou art like one of these fellows that, when he enters the confines of a tavern, claps me his sword upon the table.
benvolio: Am I like such a fellow?
mercutio: Thou wilt quarrel with a man for cracking nuts, having no other reason but because thou hast hazel eyes.
benvolio: By my head, here comes the Capulets.
mercutio: By my heel, I care not.
tybalt: Gentlemen, good e'en. A word with one of you.
mercutio: And but one word with one of us? Couple it with something; make it a word and a blow.
tybalt: Mercutio, thou consortest with Romeo.
mercutio: Consort? What, dost thou make us minstrels?
benvolio: We talk here in the public haunt of men. Either withdraw unto some private place, or else depart.
tybalt: Well, peace be with you, sir, here comes my man.
tybalt: Romeo, the love I bear thee can afford no better term than this: thou art a villain.
romeo: Tybalt, the reason that I have to love thee doth much excuse the appertaining rage to such a greeting.
romeo: Villain am I none. Therefore farewell; I see thou knowest me not.
tybalt: Boy, this shall not excuse the injuries that thou hast done me. Therefore turn and draw.
romeo: I do protest I never injured thee, but love thee better than thou canst devise.
mercutio: O calm, dishonourable, vile submission! Tybalt, you rat-catcher, will you walk?
tybalt: What wouldst thou have with me?
mercutio: Good King of Cats, nothing but one of your nine lives.
romeo: Gentle Mercutio, put thy rapier up.
romeo: Hold, Tybalt! Good Mercutio! The Prince expressly hath forbid this bandying in Verona streets.
mercutio: I am hurt. A plague o' both your houses! I am sped.
benvolio: What, art thou hurt?
mercutio: Ay, ay, a scratch, a scratch. Marry, 'tis enough.
romeo: Courage, man, the hurt cannot be much.
mercutio: No, 'tis not so deep as a well, nor so wide as a church door, but 'tis enough, 'twill serve.
mercutio: Ask for me tomorrow, and you shall find me a grave man.
mercutio: Why the devil came you between us? I was hurt under your arm.
romeo: I thought all for the best.
mercutio: A plague o' both your houses! They have made worms' meat of me.
benvolio: O Romeo, Romeo, brave Mercutio is dead.
romeo: This day's black fate on moe days doth depend. This but begins the woe others must end.
benvolio: Here comes the furious Tybalt back again.
romeo: Away to heaven, respective lenity, and fire-eyed fury be my conduct now!
benvolio: Romeo, away, be gone! The citizens are up, and Tybalt slain.
romeo: O, I am fortune's fool!
benvolio: Why dost thou stay?
"""),
    ("friar@verona.lit/cell", "1469-07-16T22:47:30", "Banished", """
< Romeo, come forth, come forth, thou fearful man. Affliction is enamoured of thy parts.
> Father, what news? What is the Prince's doom?
< A gentler judgement vanished from his lips: not body's death, but body's banishment.
> Ha, banishment? Be merciful, say 'death'. For exile hath more terror in his look.
< Hence from Verona art thou banished. Be patient, for the world is broad and wide.
> There is no world without Verona walls, but purgatory, torture, hell itself.
< O deadly sin! O rude unthankfulness! This is dear mercy, and thou seest it not.
> 'Tis torture, and not mercy. Heaven is here, where Juliet lives.
< Thou fond mad man, hear me a little speak.
> O, thou wilt speak again of banishment.
< I'll give thee armour to keep off that word: adversity's sweet milk, philosophy.
> Hang up philosophy! Unless philosophy can make a Juliet, it helps not, it prevails not.
< Let me dispute with thee of thy estate.
> Thou canst not speak of that thou dost not feel.
< Arise; one knocks. Good Romeo, hide thyself.
< Go hence, good night, and here stands all your state: either be gone before the watch be set, or by the break of day disguised from hence.
< Sojourn in Mantua. I'll find out your man, and he shall signify from time to time every good hap to you that chances here.
> But that a joy past joy calls out on me, it were a grief so brief to part with thee. Farewell.
# Mantua by daybreak. The nurse brings a ring from her.
"""),
    ("juliet@capulet.lit/chamber", "1469-07-17T04:58:02", "It was the lark", """
< Wilt thou be gone? It is not yet near day.
< It was the nightingale, and not the lark, that pierced the fearful hollow of thine ear.
> It was the lark, the herald of the morn, no nightingale.
> Look, love, what envious streaks do lace the severing clouds in yonder east.
> Night's candles are burnt out, and jocund day stands tiptoe on the misty mountaintops.
> I must be gone and live, or stay and die.
< Yond light is not daylight; I know it, I. It is some meteor that the sun exhales.
< Therefore stay yet. Thou need'st not to be gone.
> Let me be ta'en, let me be put to death. I am content, so thou wilt have it so.
> Come, death, and welcome! Juliet wills it so. How is't, my soul? Let's talk. It is not day.
< It is, it is! Hie hence, be gone, away! It is the lark that sings so out of tune.
< O now be gone! More light and light it grows.
> More light and light, more dark and dark our woes.
< Then, window, let day in, and let life out.
> Farewell, farewell! One kiss, and I'll descend.
< Art thou gone so? Love, lord, ay husband, friend! I must hear from thee every day in the hour.
> Farewell! I will omit no opportunity that may convey my greetings, love, to thee.
< O think'st thou we shall ever meet again?
> I doubt it not; and all these woes shall serve for sweet discourses in our times to come.
< O God, I have an ill-divining soul! Methinks I see thee, now thou art so low, as one dead in the bottom of a tomb.
> And trust me, love, in my eye so do you. Dry sorrow drinks our blood. Adieu, adieu!
"""),
    ("balthasar@montague.lit", "1469-07-18T10:15:00", "News from Verona", """
> News from Verona! How now, Balthasar? Dost thou not bring me letters from the Friar?
> How doth my lady? Is my father well? How fares my Juliet? That I ask again, for nothing can be ill if she be well.
< Then she is well, and nothing can be ill.
< Her body sleeps in Capels' monument, and her immortal part with angels lives.
< O pardon me for bringing these ill news, since you did leave it for my office, sir.
> Is it e'en so? Then I defy you, stars!
> Thou knowest my lodging. Get me ink and paper, and hire post-horses. I will hence tonight.
< I do beseech you, sir, have patience. Your looks are pale and wild, and do import some misadventure.
> Tush, thou art deceived. Leave me, and do the thing I bid thee do.
> Hast thou no letters to me from the Friar?
< No, my good lord.
> No matter. Get thee gone, and hire those horses. I'll be with thee straight.
"""),
]

#: One message Juliet sent while Romeo was offline, before their first collection.
OFFLINE = ("juliet@capulet.lit/balcony", "1469-07-14T22:58:40",
           "Prodigious birth of love it is to me, that I must love a loathed enemy.")


def _parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _items(start: datetime, script: str, rng: random.Random) -> list[Item]:
    items: list[Item] = []
    now = start
    for number, line in enumerate(script.strip().splitlines()):
        if number:  # the first item opens the collection
            now += timedelta(seconds=rng.randint(4, 40) + len(line) // 6)
        kind, _, text = line.partition(" ")
        if kind == "#":
            items.append(Note(text=text, time=now))
        elif kind in (">", "<"):
            direction = Direction.TO if kind == ">" else Direction.FROM
            items.append(Message(direction=direction, time=now, body=text))
        else:
            nick, _, said = line.partition(": ")
            items.append(Message(direction=Direction.FROM, time=now, body=said, nick=nick))
    return items


def sample_collections() -> list[Collection]:
    """The sample archive's collections, deterministically."""
    rng = random.Random(136)  # noqa: S311 - a fixed seed for reproducible timing, not security
    collections = []
    for with_jid, start_text, subject, script in CONVERSATIONS:
        start = _parse_time(start_text)
        items = _items(start, script, rng)
        if (with_jid, start_text) == ("juliet@capulet.lit/balcony", "1469-07-14T23:31:12"):
            offline = Message(Direction.FROM, _parse_time(OFFLINE[1]), OFFLINE[2])
            items.insert(0, offline)
        collections.append(
            Collection(id=CollectionId(start=start, with_jid=with_jid), subject=subject,
                       items=tuple(items))
        )
    return collections


def main() -> None:
    collections = sample_collections()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    write_archive(collections, OUT)
    OUT.chmod(0o644)
    messages = sum(len(c.messages) for c in collections)
    print(f"{OUT}: {len(collections)} collections, {messages} messages, "
          f"{OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
