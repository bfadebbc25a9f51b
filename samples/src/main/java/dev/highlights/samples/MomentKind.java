package dev.highlights.samples;

/**
 * What a planted stretch of a sample VOD is, whether the detector should report it, and what it does to each signal.
 *
 * <p>The first five kinds are the 4-minute demo's; the rest make up the labelled evaluation sets ({@link EvalSets}):
 * highlights that carry only two of the three signals, chat bursts that are not reactions (alone and with the
 * streamer loud at the same time), and loud or busy media that chat does not react to. Each kind says which sound,
 * which picture and which chat burst it plants; everything outside a moment is calm baseline.
 */
public enum MomentKind {
    /** Hard cut, loud cheering, fast motion and flashes, then a chat explosion a few seconds later: a highlight. */
    HYPE(MomentKind.HIGHLIGHT, Sound.CROWD, Scene.HYPE, ChatBurst.HYPE_REACTION),
    /** As loud and as busy on screen as a hype moment, but chat stays ordinary: chat is mandatory, so no highlight. */
    DECOY_LOUD_MOTION("loud_visual", Sound.ACTION, Scene.ACTION, ChatBurst.NONE),
    /** A chat burst of a few seconds over a calm scene: too short (under 10 s even after smoothing), no highlight. */
    DECOY_CHAT_SPIKE("chat_fluctuation", Sound.ROOM, Scene.CALM, ChatBurst.SPIKE),
    /** A frozen "be right back" screen with silence while chat spams: static-screen seconds are never highlights. */
    DECOY_STATIC_SCREEN("static_screen", Sound.SILENCE, Scene.STATIC, ChatBurst.WAITING),
    /** Quieter room tone and sparse chat over the calm scene. */
    QUIET("quiet", Sound.QUIET, Scene.CALM, ChatBurst.NONE),

    /** A funny conversation: the streamer and a guest laugh out loud, chat laughs; no visual change: a highlight. */
    FUNNY_CONVERSATION(MomentKind.HIGHLIGHT, Sound.LAUGHTER, Scene.CALM, ChatBurst.LAUGH_REACTION),
    /** A tense clutch: a hard cut into a dark, fast scene while the room goes quiet, chat hypes: a highlight. */
    TENSE_CLUTCH(MomentKind.HIGHLIGHT, Sound.HUSHED, Scene.CLUTCH, ChatBurst.HYPE_REACTION),
    /** A raid's arrivals over calm media: chatters never seen before, the raid emote and greetings. */
    RAID("raid", Sound.ROOM, Scene.CALM, ChatBurst.RAID),
    /** A raid while the streamer greets it out loud (loud speech, no visual change). */
    RAID_GREETED("raid", Sound.SPEECH, Scene.CALM, ChatBurst.RAID),
    /** Giveaway command spam ({@code !enter}) over calm media. */
    GIVEAWAY("giveaway", Sound.ROOM, Scene.CALM, ChatBurst.COMMANDS),
    /** The streamer announces a giveaway out loud; chat answers with command spam a stream delay later. */
    GIVEAWAY_ANNOUNCED("giveaway", Sound.SPEECH, Scene.CALM, ChatBurst.COMMANDS),
    /** A copypasta wave (one long message repeated by many chatters) over calm media. */
    COPYPASTA("copypasta", Sound.ROOM, Scene.CALM, ChatBurst.COPYPASTA),
    /** A copypasta wave set off by something the streamer said out loud. */
    COPYPASTA_LOUD("copypasta", Sound.SPEECH, Scene.CALM, ChatBurst.COPYPASTA),
    /** A donation alert: a chime, then a monotone text-to-speech voice reading the message; chat stays ordinary. */
    DONATION_ALERT("loud_audio", Sound.ALERT, Scene.CALM, ChatBurst.NONE),
    /** The streamer rages at the game (shouting, a desk slam); chat stays ordinary. */
    RAGE("loud_audio", Sound.SHOUTING, Scene.CALM, ChatBurst.NONE),
    /** An in-game crowd (a stadium in a sports game) roars; chat stays ordinary. */
    GAME_CROWD("loud_audio", Sound.STADIUM, Scene.CALM, ChatBurst.NONE),
    /** The camera shakes (an earthquake in game, a bumped webcam); room tone; chat stays ordinary. */
    CAMERA_SHAKE("visual_only", Sound.ROOM, Scene.SHAKE, ChatBurst.NONE),
    /** Flashes (explosions, lightning) over the calm scene; room tone; chat stays ordinary. */
    FLASHES("visual_only", Sound.ROOM, Scene.FLASHES, ChatBurst.NONE),
    /** A hard cut to menu screens (tabs switching, selection moving); room tone; chat stays ordinary. */
    MENU_SCREENS("visual_only", Sound.ROOM, Scene.MENUS, ChatBurst.NONE),
    /** A random rise of ordinary chat, a few messages a second more, over calm media. */
    CHAT_FLUCTUATION("chat_fluctuation", Sound.ROOM, Scene.CALM, ChatBurst.FLUCTUATION);

    /** The label of every moment that must be found. */
    public static final String HIGHLIGHT = "highlight";

    /** What a moment plants in the audio. */
    enum Sound {
        /** Calm room tone and hum, as outside moments. */
        ROOM,
        /** Room tone at half level. */
        QUIET,
        /** Near silence. */
        SILENCE,
        /** Crowd cheering and claps on top of the room tone. */
        CROWD,
        /** Square-wave music, kick drum and gunshots. */
        ACTION,
        /** Two voices laughing and talking, loud. */
        LAUGHTER,
        /** One voice talking loudly (greeting, announcing). */
        SPEECH,
        /** A chime, then a monotone synthetic voice. */
        ALERT,
        /** A harsh shouting voice and a desk slam. */
        SHOUTING,
        /** A steady stadium crowd with a chant. */
        STADIUM,
        /** Room tone lower than calm: the streamer holds their breath. */
        HUSHED
    }

    /** What a moment plants in the picture. */
    enum Scene {
        CALM, HYPE, ACTION, STATIC, CLUTCH, SHAKE, FLASHES, MENUS
    }

    /** What a moment plants in chat. */
    enum ChatBurst {
        /** Chat stays ordinary. */
        NONE,
        /** A reaction rich in hype emotes and words. */
        HYPE_REACTION,
        /** A reaction rich in laughter emotes and words. */
        LAUGH_REACTION,
        /** The demo's short spike. */
        SPIKE,
        /** Waiting for the streamer to come back. */
        WAITING,
        /** Raid arrivals. */
        RAID,
        /** Command spam. */
        COMMANDS,
        /** A copypasta wave. */
        COPYPASTA,
        /** A rise of ordinary chat. */
        FLUCTUATION
    }

    private final String label;
    private final Sound sound;
    private final Scene scene;
    private final ChatBurst chat;

    MomentKind(String label, Sound sound, Scene scene, ChatBurst chat) {
        this.label = label;
        this.sound = sound;
        this.scene = scene;
        this.chat = chat;
    }

    /** True when a correct pipeline must report a highlight overlapping this moment; false when it must not. */
    public boolean expectHighlight() {
        return HIGHLIGHT.equals(label);
    }

    /**
     * The label the truth file gives it: {@code highlight} for moments to find, else what the non-highlight is
     * ({@code raid}, {@code giveaway}, {@code copypasta}, {@code loud_audio}, {@code visual_only},
     * {@code loud_visual}, {@code static_screen}, {@code chat_fluctuation}, {@code quiet}).
     */
    public String label() {
        return label;
    }

    /** True when chat reacts to the moment (a reaction burst a chat lag after it starts). */
    public boolean chatReacts() {
        return chat == ChatBurst.HYPE_REACTION || chat == ChatBurst.LAUGH_REACTION;
    }

    /** True for the kinds the demo sample is made of (its chat generator knows only these). */
    public boolean inDemo() {
        return switch (this) {
            case HYPE, DECOY_LOUD_MOTION, DECOY_CHAT_SPIKE, DECOY_STATIC_SCREEN, QUIET -> true;
            default -> false;
        };
    }

    Sound sound() {
        return sound;
    }

    Scene scene() {
        return scene;
    }

    ChatBurst chat() {
        return chat;
    }
}
