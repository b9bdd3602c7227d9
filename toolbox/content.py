"""The toolbox's own words: the Four Points, the stages of change and the tools.

The data migration loads this into every fresh database; after that, editors change it in the
admin. Bodies are Markdown. Written for someone who may be reading it in a hard moment: plainly,
warmly, in the second person, without judgment.
"""

from __future__ import annotations

POINTS: list[dict] = [
    {
        "number": 1,
        "slug": "building-motivation",
        "title": "Building and Maintaining Motivation",
        "summary": (
            "Getting clear on why change matters to you, and keeping that reason close on the "
            "days it feels far away."
        ),
        "intro": """\
Motivation is not something you either have or lack. It rises and falls, sometimes within a
single afternoon, and that is normal. This point is about finding your own reasons for change,
the ones that make sense to you rather than to anyone else, and keeping them where you can see
them.

Most people feel two ways about changing a habit that has been part of their life. Part of you
may want things to be different, while another part remembers what the behavior gave you:
relief, fun, a way to cope. You don't have to silence either side. Looking honestly at both is
usually what moves people forward.

The tools here help you weigh the pros and cons, name what matters most to you, and turn a
decision into a plan. Come back to them whenever your motivation dips. A dip doesn't mean you're
failing; it's a sign that it's time to reconnect with your reasons.
""",
    },
    {
        "number": 2,
        "slug": "coping-with-urges",
        "title": "Coping with Urges",
        "summary": (
            "Understanding cravings, riding them out, and learning that an urge passes whether "
            "or not you act on it."
        ),
        "intro": """\
An urge can feel like an order that has to be obeyed. It isn't. Urges and cravings are
uncomfortable, sometimes intensely so, but they are feelings and thoughts, and like all feelings
they rise, peak and fade. For many people the worst of an urge passes in well under half an hour.

Urges tend to be strongest early on, and to grow weaker and less frequent each time you get
through one without acting on it. Every urge you ride out teaches your brain that the old
behavior is not the only answer.

The tools in this point help you notice what sets your urges off, plan what you'll do when they
come, and answer the inner voice that argues for "just this once". Having urges doesn't mean
you're doing recovery wrong. It means you're human, and you're learning a new skill.
""",
    },
    {
        "number": 3,
        "slug": "managing-thoughts-feelings-behaviors",
        "title": "Managing Thoughts, Feelings and Behaviors",
        "summary": (
            "Spotting the beliefs that drive old habits, handling hard feelings, and solving "
            "everyday problems in new ways."
        ),
        "intro": """\
Much of what we feel comes not only from what happens to us but from what we tell ourselves
about it. Two people miss the same bus: one shrugs and waits for the next, the other decides the
whole day is ruined. The difference lies in the thoughts in between.

This point draws on cognitive behavioral therapy (CBT) and rational emotive behavior therapy
(REBT). You'll learn to catch the thoughts that drive painful feelings and old behavior, question
them, and replace them with views that are kinder and more accurate. You'll also practice solving
the practical problems that used to be a reason to use, and accepting yourself as a whole person
who sometimes gets things wrong.

None of this means pretending everything is fine. It means giving yourself more choices in how
you respond.
""",
    },
    {
        "number": 4,
        "slug": "living-a-balanced-life",
        "title": "Living a Balanced Life",
        "summary": (
            "Building a life with enough meaning, rest, connection and enjoyment that the old "
            "behavior has less to offer."
        ),
        "intro": """\
Stopping an addictive behavior leaves a space: time, energy, and often the way you used to
relax, celebrate or cope. Recovery lasts longer when that space fills up with things that matter
to you. This point is about building that life, at your own pace.

Balance looks different for everyone. For one person it means sleep and regular meals; for
another, friendships, work that means something, creativity, exercise, time outdoors or faith.
There is no perfect shape to aim for, only a life that feels more like your own.

The tools here help you look at how your time and energy are spread, notice which areas feel
thin, and choose small, realistic changes. Short-term pleasures have their place too. The aim is
a life where you don't need the old behavior to get through the week.
""",
    },
]

STAGES: list[dict] = [
    {
        "order": 1,
        "slug": "precontemplation",
        "title": "Precontemplation",
        "summary": (
            "Change isn't on your mind yet, or you're not sure it's needed. That's a fine place "
            "to start looking around."
        ),
        "feels_like": """\
You may not see the behavior as a problem, or you may feel it's the people around you who have
a problem with it. Perhaps you've tried to change before and it didn't last, so thinking about it
again feels pointless or tiring.

It's common to feel defensive when others bring it up, and to notice mostly the good things the
behavior gives you. None of this makes you a bad person. Most of us don't change things we
haven't yet had a reason to look at closely.
""",
        "what_helps": """\
- Finding out more at your own pace, without committing to anything.
- Noticing, gently and honestly, what the behavior costs you as well as what it gives you.
- Talking with someone who listens without lecturing.
- Asking yourself what you value most, and whether the behavior fits with it.
- Visiting a meeting just to listen. You don't have to say or decide anything.
""",
    },
    {
        "order": 2,
        "slug": "contemplation",
        "title": "Contemplation",
        "summary": (
            "You're thinking about change and feel pulled both ways. Weighing it up honestly is "
            "the work of this stage."
        ),
        "feels_like": """\
You can see that the behavior is causing problems, and part of you wants things to be different.
Another part isn't ready to let go of what it gives you. You might go back and forth, sometimes
within the same day, and wonder why you can't just decide.

This mixed feeling is called ambivalence, and it's a normal, healthy part of changing anything
important. People can stay in this stage for a while. That isn't wasted time: you're doing the
thinking that lasting change rests on.
""",
        "what_helps": """\
- Writing down the costs and benefits of the behavior and of changing, so you can see them side
  by side.
- Looking at what matters to you most, and where the behavior fits.
- Imagining your life a year from now, with and without the change.
- Hearing how others at a meeting worked through the same tug-of-war.
- Being patient with yourself. Ambivalence eases when you look at it, not when you fight it.
""",
    },
    {
        "order": 3,
        "slug": "preparation",
        "title": "Determination/Preparation",
        "summary": (
            "You've decided to change and are getting ready. Turning the decision into a plan "
            "makes the first step easier."
        ),
        "feels_like": """\
You've weighed it up and decided that change is worth it. You may feel hopeful, nervous, or
both. Perhaps you've already made small moves, like cutting back, telling someone, or looking up
a meeting.

It's common to worry about whether you can really do it, especially if earlier attempts didn't
last. That worry shows how much this matters to you. An earlier attempt is also experience: you
know more now about what gets in the way.
""",
        "what_helps": """\
- Writing a change plan: what you want to change, why, the steps, who can support you and what
  might get in the way.
- Choosing a start date that gives you time to prepare, but not so much that the moment slips
  away.
- Thinking ahead about your hardest moments and what you'll do instead.
- Telling one or two people you trust, if that feels safe.
- Clearing your space of things that make the old behavior easier, where you can.
- Talking with a doctor first if you drink heavily or use a substance every day. Stopping some
  substances suddenly can be dangerous, and medical support makes it safer.
""",
    },
    {
        "order": 4,
        "slug": "action",
        "title": "Action",
        "summary": (
            "You're actively changing what you do. Urges and old thinking will test you, and "
            "there are tools for each."
        ),
        "feels_like": """\
You're doing it: living without the behavior, or cutting it down as you planned. There may be
relief and pride, alongside tiredness, irritability, strong urges or a sense of loss. Early
change often feels clumsy, because you're doing new things that haven't become habits yet.

Some days go well and others are hard work. You might be surprised by how much time and energy
the old behavior used to take, and unsure how to fill it.
""",
        "what_helps": """\
- Expecting urges and having a plan for them, rather than hoping they won't come.
- Keeping a log of your urges to learn what sets them off.
- Catching the thoughts that say "just once won't matter", and answering them.
- Solving the practical problems that used to be a reason to use.
- Rewarding yourself for progress, however small.
- Going to meetings and leaning on the people who support you.
""",
    },
    {
        "order": 5,
        "slug": "maintenance",
        "title": "Maintenance",
        "summary": (
            "The new way of living is settling in. Now the work is keeping it up and building a "
            "life you want to protect."
        ),
        "feels_like": """\
The changes you made are becoming part of everyday life. Urges come less often and usually with
less force. You may feel more confident, and people around you may have noticed the difference.

This stage brings its own challenges. When things are going well, it's easy to relax your guard,
or to find that problems you used to numb are now easier to see. Life may also feel a little
flat without the highs and lows you were used to. Both are common, and both can be worked with.
""",
        "what_helps": """\
- Looking at the balance of your life and growing the areas that feel thin.
- Coming back to your values, to remind yourself what you're protecting.
- Keeping your urge and thinking tools sharp for the unexpected hard day.
- Planning for high-risk times such as holidays, anniversaries, stress and celebrations.
- Giving back, if you'd like to: sharing what you've learned can strengthen your own recovery.
""",
    },
    {
        "order": 6,
        "slug": "relapse",
        "title": "Relapse",
        "summary": (
            "Going back to the old behavior is a common part of change, not the end of it. Treat "
            "it as something to learn from, and start again."
        ),
        "feels_like": """\
You may have slipped once, or gone back to the old pattern for a while. It's natural to feel
disappointed, ashamed or angry with yourself, or to think "I've blown it, so what's the point?"

That thought is understandable, and it's also the one that turns a short lapse into a longer
relapse. Many people go around the cycle of change more than once before a change sticks.
Everything you learned and every day you changed still counts. You haven't gone back to the
beginning, and this is not a failure: it's part of how change works.
""",
        "what_helps": """\
- Being as kind to yourself as you'd be to a friend in the same spot.
- Getting back to what was working as soon as you can. A slip doesn't have to become a slide.
- Looking at what happened with curiosity, not blame: what led up to it, and what might help
  next time.
- Going back to your cost/benefit analysis to reconnect with your reasons.
- Updating your change plan with what you've learned.
- Telling someone you trust, or bringing it to a meeting. You'll find people who understand.
""",
    },
    {
        "order": 7,
        "slug": "termination",
        "title": "Termination",
        "summary": (
            "The old behavior no longer pulls at your daily life. Change has become simply how "
            "you live."
        ),
        "feels_like": """\
The behavior that once took up so much of your life rarely crosses your mind. You don't feel you
have to work at avoiding it, and you're confident you could get through a stressful day without
it. Your attention is on other things: the people, work and interests that make up your life now.

Not everyone thinks of themselves as reaching this stage, and some people prefer to stay in
maintenance for good. Both are fine. What matters isn't the label; it's a life that feels like
your own.
""",
        "what_helps": """\
- Keeping your life balanced and full, so the old behavior has nothing to offer.
- Staying in touch with what you value, and letting it guide the choices ahead.
- Noticing early when stress is building, and reaching for your tools if you need them.
- Passing on what you've learned, if you'd like to. Many people find meaning in helping others
  begin.
""",
    },
]

TOOLS: list[dict] = [
    {
        "slug": "cost-benefit-analysis",
        "title": "Cost/Benefit Analysis",
        "summary": (
            "Weigh, honestly and on paper, what the behavior gives you and costs you, and what "
            "changing would give and cost."
        ),
        "body": """\
When you feel two ways about change, the arguments tend to go round in your head without getting
anywhere. A cost/benefit analysis, often called a CBA, puts them on paper where you can see them
all at once.

The analysis has four boxes: the benefits of the behavior, the costs of the behavior, the
benefits of changing, and the costs of changing. It may seem strange to list the *benefits* of
something you're thinking of stopping, but the behavior has been meeting real needs for you.
Naming those needs honestly tells you what your new life will have to offer in their place.

It also helps to think about the short term and the long term separately. Many benefits of an
addictive behavior arrive right away, while many of its costs build up slowly. Changing often
works the other way around: the costs come first, and the benefits take a while. Seeing that
pattern can make a hard week feel more worthwhile.

A CBA isn't a test with a right answer, and it isn't something you do once. Your answers will
change as you do. Many people keep theirs and look at it again when motivation dips or after a
setback.
""",
        "steps": [
            "Find a quiet moment and divide a page into four boxes, or open the worksheet.",
            "In the first box, list what you get from the behavior: relief, fun, ease with "
            "people, a way to switch off. Be honest; nobody else needs to see it.",
            "In the second box, list what the behavior costs you, now and in the years ahead: "
            "health, money, relationships, time, self-respect.",
            "In the third and fourth boxes, list what changing would give you, and what it would "
            "cost you or ask of you.",
            "Mark each item as short-term or long-term, and circle the ones that matter most "
            "to you.",
            "Read the whole page back and notice what stands out. Keep it where you can come "
            "back to it.",
        ],
        "worksheet": "cba",
        "points": [1],
        "stages": ["precontemplation", "contemplation", "relapse"],
    },
    {
        "slug": "change-plan",
        "title": "Change Plan",
        "summary": (
            "Turn a decision to change into a written plan: what you'll change, why, how, and "
            "who can help."
        ),
        "body": """\
Deciding to change is a big step. A change plan helps you turn that decision into something you
can act on, and gives you something to come back to when the first burst of determination fades.

A good plan is specific. "Drink less" is a hope; "no alcohol on weekdays, starting Monday, and a
walk after work instead of the bar" is a plan. Being specific makes it easier to start, and
easier to notice how it's going.

The plan covers what you want to change and why it matters to you, the steps you'll take, the
people who can help and how, what might get in the way, and how you'll know it's working.
Thinking about obstacles in advance isn't pessimism. It's what lets you meet them with a plan
instead of a scramble.

Plans are meant to change. If part of yours isn't working, that's useful information, not a
failure. Adjust it, and carry on.
""",
        "steps": [
            "Write down the change you want to make, as specifically as you can.",
            "Write the most important reasons you want to make it, in your own words.",
            "List the steps you'll take and when, starting with the first small one.",
            "Name the people who could help, and what you'd like from each of them.",
            "Note what might get in your way, and what you'll do if it does.",
            "Decide how you'll know the plan is working, and when you'll look at it again.",
        ],
        "worksheet": "change-plan",
        "points": [1],
        "stages": ["preparation", "action", "relapse"],
    },
    {
        "slug": "hierarchy-of-values",
        "title": "Hierarchy of Values",
        "summary": (
            "Name what matters most to you, and see whether the behavior brings you closer to it "
            "or pulls you away."
        ),
        "body": """\
Values are the things that give your life direction: perhaps family, health, honesty, freedom,
learning, creativity, faith, or being someone others can count on. They aren't rules somebody
else handed you. They're what you want your life to stand for.

Addictive behaviors have a way of slowly moving up the list until they take the place of the
things we care about most. Usually this happens without anyone deciding it. Writing down your
values and putting them in order lets you see, in plain sight, where the behavior sits among
them.

Many people find this tool quietly powerful. It doesn't argue with you or tell you what to do.
It simply shows the gap, if there is one, between the life you're living and the life you want.
That gap can be a strong and lasting source of motivation, because the reasons are entirely your
own.

Later in recovery, the same list works as a compass. When you're deciding how to spend your time
and energy, it reminds you what you're building.
""",
        "steps": [
            "Write down everything that matters to you, without judging the list. Ten to "
            "fifteen items is plenty.",
            "Put them in order, from most to least important. It's fine if this takes a while.",
            "Look at where the behavior would sit on your list, judging by the time, money and "
            "attention it takes.",
            "For each of your top five values, ask whether the behavior moves you toward it or "
            "away from it.",
            "Write one small thing you could do this week that honors a value near the top of "
            "your list.",
        ],
        "worksheet": "hov",
        "points": [1, 4],
        "stages": ["precontemplation", "contemplation", "maintenance", "termination"],
    },
    {
        "slug": "urge-log",
        "title": "Urge Log",
        "summary": (
            "Write down each urge as it comes, so you can learn what sets your urges off and what "
            "helps them pass."
        ),
        "body": """\
Urges can feel as if they come out of nowhere. Most of the time they don't. They follow
patterns: certain times of day, places, people, moods or thoughts. An urge log helps you find
your own patterns.

Each time you notice an urge, you note when and where it happened, how strong it was, what was
going on, what you were thinking and feeling, and what you did. After a week or two the entries
start to tell a story. Perhaps your urges cluster on Friday evenings, after talking to a certain
person, or when you're hungry and tired.

Once you know your triggers, you can plan for them: avoid some, change others, and have a plan
ready for the ones you can't avoid. The log also shows you something encouraging. Looking back,
you'll see the urges you got through, and often that they grow weaker and less frequent over
time.

Keep entries short. The goal is noticing, not writing an essay; a few words are enough.
""",
        "steps": [
            "When you notice an urge, jot down the time and where you are.",
            "Rate how strong it is, from 1 to 10.",
            "Note what was happening just before, and what you were thinking and feeling.",
            "Write what you did, and how strong the urge was afterwards.",
            "Once a week, read back through your entries and look for patterns in times, places, "
            "people and moods.",
            "Choose one pattern to plan for in the week ahead.",
        ],
        "worksheet": "urges",
        "points": [2],
        "stages": ["action", "maintenance"],
    },
    {
        "slug": "disarm",
        "title": "DISARM",
        "summary": (
            "Recognize the voice of your urges, give it a name, and refuse it. DISARM stands for "
            "Destructive Imagery and Self-talk Awareness and Refusal Method."
        ),
        "body": """\
When an urge comes, it rarely arrives as a plain feeling. It brings a voice with it: "You've had
a hard day, you deserve it." "Just one won't hurt." "Nobody will know." It can be clever, and it
knows exactly what to say to you.

DISARM stands for Destructive Imagery and Self-talk Awareness and Refusal Method. The idea is to
treat that voice as something separate from you. You can even give it a name: some people call
it "the Beast", others choose a cartoon villain or something silly that takes the power out of
it. Once you recognize the voice as the urge talking, you don't have to take its advice.

The method has two parts: awareness and refusal. Awareness means spotting the voice and its
favorite lines. Refusal means answering it firmly, as often as it takes. You don't need to debate
it or win an argument. A short, clear "No, I'm not doing that" is enough, followed by doing
something else.

Writing down the voice's usual arguments, with your answer to each, means you won't have to
think of a reply in the heat of the moment.
""",
        "steps": [
            "Give the voice of your urges a name, one that helps you see it as separate from you.",
            "Write down the things it usually says to you, word for word if you can.",
            "Next to each one, write a short, firm reply that you believe.",
            'When an urge comes, notice the voice and name it: "That\'s the urge talking."',
            "Refuse it clearly, without arguing, and turn your attention to something else.",
            "Afterwards, add any new lines it tried to your list, with your replies.",
        ],
        "worksheet": "disarm",
        "points": [2],
        "stages": ["action", "maintenance"],
    },
    {
        "slug": "deads",
        "title": "DEADS",
        "summary": (
            "Five ways to get through an urge: Deny or delay, Escape, Avoid, Distract and "
            "Substitute."
        ),
        "body": """\
DEADS is a handy set of five strategies to have ready when an urge hits. You won't need all of
them every time. The point is to have options, so you're never left with only one.

**Deny or delay.** Tell yourself no, or not yet. Urges pass, and putting off the decision by even
fifteen minutes often takes the force out of it.

**Escape.** Leave the situation. Walk out of the party, end the phone call, take a different
route home. Leaving isn't weakness; it's a skill.

**Avoid.** Where you can, steer clear of the people, places and things that set off your urges,
especially early on. Some of this is for now, and some may be for good.

**Distract.** Give your mind and hands something else to do: call someone, go for a walk, play a
game, clean something, take a shower.

**Substitute.** Replace the behavior with something that meets the same need in a healthier way.
If you used to drink to unwind, find another way to unwind that works for you.

Planning your own DEADS in advance works far better than trying to think of them in the middle
of an urge.
""",
        "steps": [
            "Think of a situation where urges tend to hit you hard.",
            "For each letter of DEADS, write one or two things you could do in that situation.",
            "Keep your list where you can reach it quickly, such as on your phone or in your "
            "wallet.",
            "When an urge comes, start with whichever strategy fits the moment, and move to "
            "another if it doesn't help.",
            "Afterwards, note which strategies worked, and add new ideas to your list.",
        ],
        "worksheet": "deads",
        "points": [2],
        "stages": ["action", "maintenance"],
    },
    {
        "slug": "abc",
        "title": "ABC (REBT)",
        "summary": (
            "Untangle an upsetting moment: the Activating event, your Beliefs about it and the "
            "Consequences; then Dispute the beliefs and find an Effective new view."
        ),
        "body": """\
The ABC tool comes from rational emotive behavior therapy (REBT), developed by the psychologist
Albert Ellis. It rests on a simple idea: it isn't only events that upset us, but what we believe
about them.

**A** is the Activating event: what happened, described the way a camera would see it. **B** is
your Beliefs about it: what you told yourself. **C** is the Consequences: how you felt and what
you did, or wanted to do. We usually notice A and C and jump straight from one to the other: "He
criticized me, so I felt furious and wanted a drink." The ABC slows things down so you can see
the B in the middle.

Then come **D** and **E**. To Dispute a belief, you question it. Is it true? Does it help me?
Would I say it to a friend? Unhelpful beliefs often contain words like *must*, *should*,
*always*, *never* or *I can't stand it*. The Effective new belief you arrive at isn't forced
positivity. It's a view that is more accurate and more useful: "I didn't like that, and I can
handle it."

With practice you'll start to catch the B in the moment, and you'll have more choice about what
you feel and what you do.
""",
        "steps": [
            "Choose a recent moment that upset you or led to an urge.",
            "A: write what happened, just the facts.",
            "C: write how you felt, and what you did or wanted to do.",
            "B: write what you were telling yourself about it. Look for musts, shoulds and "
            '"I can\'t stand it".',
            "D: question each belief. Is it true? Does it help me? What would I say to a friend "
            "who believed it?",
            "E: write a more helpful, realistic belief, and notice how you feel when you read it.",
        ],
        "worksheet": "abc",
        "points": [3],
        "stages": ["action", "maintenance", "relapse"],
    },
    {
        "slug": "problem-solving",
        "title": "Problem Solving",
        "summary": (
            "A step-by-step way to work through a problem that's weighing on you, instead of "
            "letting it push you back toward old ways."
        ),
        "body": """\
Problems that go unsolved have a way of piling up, and for many people the old behavior was a
way of escaping that pile for a while. Problem solving offers another route: breaking a problem
down and working through it one step at a time.

Start by defining the problem as clearly and specifically as you can. "My life's a mess" is hard
to solve. "I'm behind on rent and don't know how to tell my landlord" is something you can work
on. Then think of as many options as you can, without judging them yet. Only after that do you
weigh each option's pros and cons and choose one to try.

The last steps matter as much as the first: plan how you'll carry out your choice, do it, and
then look at how it went. If it didn't work, you haven't failed. You've learned something, and
you can go back to your list of options.

This is also the tool meetings use most. When someone brings a problem, the group often works
through these same steps together.
""",
        "steps": [
            "Describe the problem in a sentence or two, as specifically as you can.",
            "Brainstorm every possible option, including ones that seem silly. Don't judge them "
            "yet.",
            "For the most promising options, list the pros and cons of each.",
            "Choose one option to try, and write down the steps to put it into action.",
            "Set a time to try it.",
            "Afterwards, look at how it went. If it didn't work, choose another option and try "
            "again.",
        ],
        "worksheet": "problem-solving",
        "points": [3],
        "stages": ["action", "maintenance"],
    },
    {
        "slug": "brainstorming",
        "title": "Brainstorming",
        "summary": (
            "Come up with as many ideas as you can, without judging them, so you have more "
            "choices than the one you'd usually reach for."
        ),
        "body": """\
When we're stuck, we tend to see only one or two options, often the same ones we've always
tried. Brainstorming is a way of getting unstuck by deliberately thinking of many possibilities
before deciding anything.

The one rule is no judging while you brainstorm. Write down every idea, including the
impractical, the funny and the ones you're sure won't work. Odd ideas often lead to good ones,
and criticism too early stops the flow. Aim for quantity: ten ideas is a good start, twenty is
better.

Brainstorming works alone, with a friend or in a group. At a meeting, others will often suggest
things you'd never have thought of, because they see your situation with fresh eyes.

Once the list is long, step back and pick out the ideas worth trying. Brainstorming is the heart
of problem solving, and it's just as useful for planning what to do with free time, finding
substitutes for the old behavior, or working out how to handle a tricky event.
""",
        "steps": [
            "Write the question you're trying to answer at the top of a page.",
            "Set a timer for five or ten minutes.",
            "Write down every idea that comes, without stopping to judge any of them.",
            "If you get stuck, ask someone else for ideas, or imagine what a friend would suggest.",
            "When the time is up, read the list and mark the ideas worth a closer look.",
        ],
        "worksheet": "",
        "points": [3],
        "stages": ["preparation", "action"],
    },
    {
        "slug": "role-play-and-rehearsal",
        "title": "Role-play and Rehearsal",
        "summary": (
            "Practice a hard conversation or a tricky situation in advance, so it feels familiar "
            "when it comes."
        ),
        "body": """\
Some situations are hard mainly because they're new: turning down a drink from an old friend,
telling your family about your recovery, or asking your manager for time off to see a doctor.
Rehearsing them beforehand makes them far less daunting.

In a role-play, someone plays the other person while you practice what you want to say. It might
be a friend, someone at a meeting, or a counselor. You can try different approaches, see how
they feel, and ask for feedback. Swapping roles can also help you understand how the other
person may see things.

If there's no one to practice with, you can rehearse alone: say the words out loud, write out
the conversation, or picture it step by step, including how you'll respond if it doesn't go to
plan.

You don't have to get it perfect. The aim is to have done it once before it counts, so that when
the moment arrives, your words are ready.
""",
        "steps": [
            "Choose a situation you're dreading or unsure how to handle.",
            "Decide what you'd like to happen, and what you want to say.",
            "Ask someone you trust to play the other person, or rehearse out loud or on paper on "
            "your own.",
            "Try it a few times, including a version that gets harder than you expect.",
            "Ask for feedback, or notice what felt right, and adjust your words.",
            "After the real conversation, notice what went well, and what you'd keep for next "
            "time.",
        ],
        "worksheet": "",
        "points": [3],
        "stages": ["preparation", "action", "maintenance"],
    },
    {
        "slug": "unconditional-self-acceptance",
        "title": "Unconditional Self-Acceptance",
        "summary": (
            "Accept yourself as a whole, worthwhile person, while still working to change what "
            "you do."
        ),
        "body": """\
Many people in recovery carry a heavy load of shame. It's easy to look at past behavior and
conclude "I'm a bad person" or "I'm a failure". Those beliefs hurt, and they also tend to feed
the very behavior they're about.

Unconditional self-acceptance, an idea from REBT, separates who you are from what you do. You
are a complex, changing human being who has done many things, some helpful and some harmful. No
single act, or list of acts, sums you up. You can rate your actions, and want to change some of
them, without giving yourself a rating as a person.

This isn't the same as making excuses. Accepting yourself makes it easier to take
responsibility, because looking honestly at a mistake no longer feels like a verdict on your
whole worth. It also makes setbacks easier to learn from.

Self-acceptance is a practice, not a switch. Catching the moments when you put yourself down, and
answering them, is a skill that grows with time.
""",
        "steps": [
            "Notice when you call yourself names, or judge your whole self by one action.",
            'Write the thought down exactly as it came, for example "I\'m useless".',
            'Rewrite it about the action, not the person: "I made a mistake yesterday."',
            'Add what you can learn or do next: "Next time I\'ll ask for help sooner."',
            "List a few true things about yourself that the harsh thought leaves out.",
            "Repeat this whenever the old judgment returns. It gets easier with practice.",
        ],
        "worksheet": "",
        "points": [3],
        "stages": ["action", "maintenance", "relapse"],
    },
    {
        "slug": "lifestyle-balance-pie",
        "title": "Lifestyle Balance Pie",
        "summary": (
            "Draw your life as a pie of the areas that matter, rate how satisfied you are with "
            "each, and choose where to grow."
        ),
        "body": """\
The lifestyle balance pie gives you a picture of your life as it is now. You divide a circle
into slices for the areas that matter to you, such as family, friends, work or study, health,
rest, fun, money, home, learning, spirituality or community, and rate how satisfied you are with
each one.

Seeing your life this way often makes the empty spaces obvious. Perhaps work has taken over, or
the fun slice shrank to nothing when the old behavior went. Thin slices are where an urge can
find a way in, and where small improvements can make a big difference to how life feels.

You don't need every slice to be full. Nobody's life is perfectly balanced, and what matters
changes over time. The aim is to notice, choose one or two areas to work on, and take small,
realistic steps.

Doing the pie again every few months shows you how your life is changing, which can be very
encouraging.
""",
        "steps": [
            "Draw a circle and divide it into slices for the areas of life that matter to you, "
            "usually six to ten.",
            "Rate how satisfied you are with each area, from 1 to 10.",
            "Notice which slices feel thin, and which you'd most like to change.",
            "Choose one area and write one small step you could take in the next week.",
            "Come back to the pie in a month or two and see what has changed.",
        ],
        "worksheet": "balance-pie",
        "points": [4],
        "stages": ["maintenance", "termination"],
    },
    {
        "slug": "vacation-from-addiction",
        "title": "Vacation from Addiction",
        "summary": (
            "A personal list of activities that give you a break from the behavior, from "
            "five-minute distractions to things to look forward to."
        ),
        "body": """\
When you stop an addictive behavior, you suddenly have time on your hands, and that time can be
when urges are strongest. A vacation-from-addiction list is a collection of activities you
enjoy, or would like to try, that you can reach for instead.

Think of it as planning a holiday from the behavior. Some activities are quick: a walk around
the block, a favorite song, a call to a friend, a cup of tea on the doorstep. Others take longer
or need planning: a class, a day trip, a project, learning an instrument, volunteering.

It helps to include activities for different situations: things to do alone and with others,
indoors and out, free and low-cost, for an evening and for a weekend. Include some that calm you
down and some that lift you up.

Over time, some of these activities become a real part of your life. That's the point: the list
isn't only about avoiding something, it's about finding things worth doing.
""",
        "steps": [
            "Write down activities you enjoy now, or enjoyed before the behavior took up so much "
            "time.",
            "Add things you've always wanted to try, big and small.",
            "Sort them by how long they take, and mark the ones you can do alone on a hard night.",
            "Keep the list where you'll see it, and pick something from it when you have time to "
            "fill or an urge arrives.",
            "Plan one longer activity to look forward to each week.",
        ],
        "worksheet": "vacation",
        "points": [2, 4],
        "stages": ["preparation", "action", "maintenance"],
    },
]
