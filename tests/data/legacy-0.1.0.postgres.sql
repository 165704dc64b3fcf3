--
-- PostgreSQL database dump
--

\restrict ejeKpOro6gaswKmjMvpPmxLRVwhcNFYenYyftRLRL1FPPWy4VSQ2eacGtDXXIRL

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: legacy_fixture; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA legacy_fixture;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: activity; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.activity (
    id integer NOT NULL,
    event_id integer NOT NULL,
    "position" integer NOT NULL,
    kind character varying(40) NOT NULL,
    title character varying(200) NOT NULL,
    config json NOT NULL,
    state json NOT NULL,
    started_at timestamp with time zone
);


--
-- Name: activity_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.activity_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: activity_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.activity_id_seq OWNED BY legacy_fixture.activity.id;


--
-- Name: board_card; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.board_card (
    id integer NOT NULL,
    event_id integer NOT NULL,
    activity_id integer,
    table_id integer,
    round_id integer,
    author_id integer NOT NULL,
    on_behalf_id integer,
    client_id character varying(64),
    text text NOT NULL,
    tag character varying(20),
    theme_id integer,
    merged_into_id integer,
    pinned boolean NOT NULL,
    hidden boolean NOT NULL,
    withdrawn boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone
);


--
-- Name: board_card_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.board_card_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: board_card_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.board_card_id_seq OWNED BY legacy_fixture.board_card.id;


--
-- Name: board_dot; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.board_dot (
    id integer NOT NULL,
    event_id integer NOT NULL,
    ballot integer NOT NULL,
    participant_id integer NOT NULL,
    card_id integer,
    theme_id integer
);


--
-- Name: board_dot_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.board_dot_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: board_dot_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.board_dot_id_seq OWNED BY legacy_fixture.board_dot.id;


--
-- Name: board_theme; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.board_theme (
    id integer NOT NULL,
    event_id integer NOT NULL,
    name character varying(120) NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: board_theme_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.board_theme_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: board_theme_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.board_theme_id_seq OWNED BY legacy_fixture.board_theme.id;


--
-- Name: cafe_round; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.cafe_round (
    id integer NOT NULL,
    activity_id integer NOT NULL,
    number integer NOT NULL,
    question text NOT NULL,
    minutes integer NOT NULL,
    status character varying(12) NOT NULL,
    seated boolean NOT NULL,
    deadline timestamp with time zone,
    paused_remaining_ms integer,
    started_at timestamp with time zone,
    ended_at timestamp with time zone,
    repeats integer NOT NULL
);


--
-- Name: cafe_round_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.cafe_round_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: cafe_round_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.cafe_round_id_seq OWNED BY legacy_fixture.cafe_round.id;


--
-- Name: cafe_seat; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.cafe_seat (
    id integer NOT NULL,
    round_id integer NOT NULL,
    table_id integer NOT NULL,
    participant_id integer NOT NULL,
    is_host boolean NOT NULL
);


--
-- Name: cafe_seat_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.cafe_seat_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: cafe_seat_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.cafe_seat_id_seq OWNED BY legacy_fixture.cafe_seat.id;


--
-- Name: cafe_table; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.cafe_table (
    id integer NOT NULL,
    activity_id integer NOT NULL,
    "position" integer NOT NULL,
    name character varying(80) NOT NULL,
    capacity integer NOT NULL,
    host_id integer,
    active boolean NOT NULL
);


--
-- Name: cafe_table_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.cafe_table_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: cafe_table_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.cafe_table_id_seq OWNED BY legacy_fixture.cafe_table.id;


--
-- Name: circle_agreement; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.circle_agreement (
    id integer NOT NULL,
    event_id integer NOT NULL,
    participant_id integer,
    client_id character varying(64),
    text text NOT NULL,
    status character varying(20) NOT NULL,
    merged_into_id integer,
    created_at timestamp with time zone NOT NULL,
    decided_at timestamp with time zone
);


--
-- Name: circle_agreement_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.circle_agreement_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: circle_agreement_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.circle_agreement_id_seq OWNED BY legacy_fixture.circle_agreement.id;


--
-- Name: circle_pledge; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.circle_pledge (
    id integer NOT NULL,
    activity_id integer NOT NULL,
    participant_id integer NOT NULL,
    client_id character varying(64),
    text text NOT NULL,
    shared boolean NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: circle_pledge_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.circle_pledge_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: circle_pledge_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.circle_pledge_id_seq OWNED BY legacy_fixture.circle_pledge.id;


--
-- Name: circle_turn; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.circle_turn (
    id integer NOT NULL,
    activity_id integer NOT NULL,
    participant_id integer NOT NULL,
    "position" integer NOT NULL,
    status character varying(20) NOT NULL,
    passes integer NOT NULL,
    missed integer NOT NULL
);


--
-- Name: circle_turn_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.circle_turn_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: circle_turn_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.circle_turn_id_seq OWNED BY legacy_fixture.circle_turn.id;


--
-- Name: circle_word; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.circle_word (
    id integer NOT NULL,
    activity_id integer NOT NULL,
    participant_id integer NOT NULL,
    client_id character varying(64),
    text character varying(120) NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: circle_word_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.circle_word_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: circle_word_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.circle_word_id_seq OWNED BY legacy_fixture.circle_word.id;


--
-- Name: consult_clinician_key; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.consult_clinician_key (
    id integer NOT NULL,
    event_id integer NOT NULL,
    secret character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: consult_clinician_key_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.consult_clinician_key_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: consult_clinician_key_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.consult_clinician_key_id_seq OWNED BY legacy_fixture.consult_clinician_key.id;


--
-- Name: consult_goal; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.consult_goal (
    id integer NOT NULL,
    activity_id integer NOT NULL,
    participant_id integer NOT NULL,
    client_id character varying(64),
    text text NOT NULL,
    shared boolean NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: consult_goal_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.consult_goal_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: consult_goal_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.consult_goal_id_seq OWNED BY legacy_fixture.consult_goal.id;


--
-- Name: consult_question; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.consult_question (
    id integer NOT NULL,
    event_id integer NOT NULL,
    activity_id integer,
    participant_id integer NOT NULL,
    client_id character varying(64),
    text text NOT NULL,
    visibility character varying(12) NOT NULL,
    named boolean NOT NULL,
    theme_id integer,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone
);


--
-- Name: consult_question_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.consult_question_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: consult_question_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.consult_question_id_seq OWNED BY legacy_fixture.consult_question.id;


--
-- Name: consult_theme; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.consult_theme (
    id integer NOT NULL,
    event_id integer NOT NULL,
    name character varying(120) NOT NULL,
    note text NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: consult_theme_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.consult_theme_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: consult_theme_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.consult_theme_id_seq OWNED BY legacy_fixture.consult_theme.id;


--
-- Name: event; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.event (
    id integer NOT NULL,
    code character varying(16) NOT NULL,
    title character varying(200) NOT NULL,
    purpose text NOT NULL,
    welcome_text text NOT NULL,
    agreement_text text NOT NULL,
    locked boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    retain_until timestamp with time zone,
    current_activity_id integer
);


--
-- Name: event_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.event_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: event_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.event_id_seq OWNED BY legacy_fixture.event.id;


--
-- Name: group_agreement_acceptance; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.group_agreement_acceptance (
    id integer NOT NULL,
    version_id integer NOT NULL,
    participant_id integer NOT NULL,
    accepted_at timestamp with time zone NOT NULL
);


--
-- Name: group_agreement_acceptance_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.group_agreement_acceptance_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: group_agreement_acceptance_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.group_agreement_acceptance_id_seq OWNED BY legacy_fixture.group_agreement_acceptance.id;


--
-- Name: group_agreement_version; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.group_agreement_version (
    id integer NOT NULL,
    event_id integer NOT NULL,
    number integer NOT NULL,
    text text NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: group_agreement_version_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.group_agreement_version_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: group_agreement_version_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.group_agreement_version_id_seq OWNED BY legacy_fixture.group_agreement_version.id;


--
-- Name: handled_message; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.handled_message (
    id integer NOT NULL,
    participant_id integer NOT NULL,
    client_id character varying(64) NOT NULL,
    action character varying(40) NOT NULL,
    reply json NOT NULL,
    handled_at timestamp with time zone NOT NULL
);


--
-- Name: handled_message_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.handled_message_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: handled_message_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.handled_message_id_seq OWNED BY legacy_fixture.handled_message.id;


--
-- Name: participant; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.participant (
    id integer NOT NULL,
    event_id integer NOT NULL,
    token_hash character varying(64) NOT NULL,
    name character varying(120),
    pronouns character varying(60),
    without_phone boolean NOT NULL,
    joined_at timestamp with time zone NOT NULL,
    agreed_at timestamp with time zone,
    removed_at timestamp with time zone,
    connections integer NOT NULL,
    last_seen_at timestamp with time zone
);


--
-- Name: participant_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.participant_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: participant_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.participant_id_seq OWNED BY legacy_fixture.participant.id;


--
-- Name: pulse_responder; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.pulse_responder (
    id integer NOT NULL,
    activity_id integer NOT NULL,
    participant_id integer NOT NULL
);


--
-- Name: pulse_responder_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.pulse_responder_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: pulse_responder_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.pulse_responder_id_seq OWNED BY legacy_fixture.pulse_responder.id;


--
-- Name: pulse_tally; Type: TABLE; Schema: legacy_fixture; Owner: -
--

CREATE TABLE legacy_fixture.pulse_tally (
    id integer NOT NULL,
    activity_id integer NOT NULL,
    dimension character varying(20) NOT NULL,
    score integer NOT NULL,
    count integer NOT NULL
);


--
-- Name: pulse_tally_id_seq; Type: SEQUENCE; Schema: legacy_fixture; Owner: -
--

CREATE SEQUENCE legacy_fixture.pulse_tally_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: pulse_tally_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_fixture; Owner: -
--

ALTER SEQUENCE legacy_fixture.pulse_tally_id_seq OWNED BY legacy_fixture.pulse_tally.id;


--
-- Name: activity id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.activity ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.activity_id_seq'::regclass);


--
-- Name: board_card id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_card ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.board_card_id_seq'::regclass);


--
-- Name: board_dot id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_dot ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.board_dot_id_seq'::regclass);


--
-- Name: board_theme id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_theme ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.board_theme_id_seq'::regclass);


--
-- Name: cafe_round id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.cafe_round ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.cafe_round_id_seq'::regclass);


--
-- Name: cafe_seat id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.cafe_seat ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.cafe_seat_id_seq'::regclass);


--
-- Name: cafe_table id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.cafe_table ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.cafe_table_id_seq'::regclass);


--
-- Name: circle_agreement id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_agreement ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.circle_agreement_id_seq'::regclass);


--
-- Name: circle_pledge id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_pledge ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.circle_pledge_id_seq'::regclass);


--
-- Name: circle_turn id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_turn ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.circle_turn_id_seq'::regclass);


--
-- Name: circle_word id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_word ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.circle_word_id_seq'::regclass);


--
-- Name: consult_clinician_key id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_clinician_key ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.consult_clinician_key_id_seq'::regclass);


--
-- Name: consult_goal id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_goal ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.consult_goal_id_seq'::regclass);


--
-- Name: consult_question id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_question ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.consult_question_id_seq'::regclass);


--
-- Name: consult_theme id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_theme ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.consult_theme_id_seq'::regclass);


--
-- Name: event id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.event ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.event_id_seq'::regclass);


--
-- Name: group_agreement_acceptance id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.group_agreement_acceptance ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.group_agreement_acceptance_id_seq'::regclass);


--
-- Name: group_agreement_version id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.group_agreement_version ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.group_agreement_version_id_seq'::regclass);


--
-- Name: handled_message id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.handled_message ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.handled_message_id_seq'::regclass);


--
-- Name: participant id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.participant ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.participant_id_seq'::regclass);


--
-- Name: pulse_responder id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.pulse_responder ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.pulse_responder_id_seq'::regclass);


--
-- Name: pulse_tally id; Type: DEFAULT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.pulse_tally ALTER COLUMN id SET DEFAULT nextval('legacy_fixture.pulse_tally_id_seq'::regclass);


--
-- Data for Name: activity; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.activity (id, event_id, "position", kind, title, config, state, started_at) FROM stdin;
1	1	0	checkin	Check-in circle	{"prompt": "How are you arriving?", "silence_seconds": 0, "turn_seconds": 0, "order": "join", "pulse": true, "chime": false}	{"phase": "ready", "silence_ends_at": null, "speaker": null, "turn_started_at": null, "turn_ends_at": null, "paused": false, "paused_at": null, "pause_by": null, "volunteer": null, "pulse_shown": {"control": {"count": 3, "sum": 7}, "contact": {"count": 3, "sum": 7}, "confidence": {"count": 3, "sum": 7}}}	2026-12-02 10:11:46.905607+00
2	1	1	agreements	Working agreements	{"prompt": "What do we need from each other to speak and listen well?"}	{}	2026-12-02 10:11:46.954958+00
3	1	2	welcome	World café	{"message": ""}	{}	2026-12-02 10:11:46.970243+00
4	1	3	checkout	Check-out circle	{"prompt": "What will you take with you from today?", "silence_seconds": 0, "turn_seconds": 0, "order": "join", "pulse": true, "chime": false, "one_word": true, "pledges": true}	{"phase": "ready", "silence_ends_at": null, "speaker": null, "turn_started_at": null, "turn_ends_at": null, "paused": false, "paused_at": null, "pause_by": null, "volunteer": null, "pulse_shown": {"control": {"count": 3, "sum": 11}, "contact": {"count": 3, "sum": 13}, "confidence": {"count": 3, "sum": 13}}}	2026-12-02 10:11:46.99471+00
\.


--
-- Data for Name: board_card; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.board_card (id, event_id, activity_id, table_id, round_id, author_id, on_behalf_id, client_id, text, tag, theme_id, merged_into_id, pinned, hidden, withdrawn, created_at, updated_at) FROM stdin;
1	1	3	1	1	1	\N	\N	=HYPERLINK("http://evil.example","click")	control	2	\N	f	f	f	2026-12-02 10:11:46.979123+00	\N
2	1	3	1	1	2	\N	\N	We said "yes, and", then:\nwe listened; commas, too	contact	1	\N	t	f	f	2026-12-02 10:11:46.980641+00	\N
3	1	3	1	1	3	5	\N	<script>alert('x')</script> & <b>bold</b> café	confidence	1	\N	f	f	f	2026-12-02 10:11:46.985712+00	\N
4	1	3	1	1	1	\N	\N	HIDDEN-CARD-Zebra-42	\N	1	\N	f	t	f	2026-12-02 10:11:46.986573+00	\N
5	1	3	1	1	2	\N	\N	WITHDRAWN-CARD-Okapi-7	\N	\N	\N	f	f	t	2026-12-02 10:11:46.987369+00	\N
6	1	3	1	1	4	\N	\N	ANON-AUTHOR-CARD-Lynx-3	\N	\N	\N	f	f	f	2026-12-02 10:11:46.98788+00	\N
7	1	3	1	1	3	\N	\N	-1 + 1 @ everyone\tstarts with minus	\N	\N	\N	f	f	f	2026-12-02 10:11:46.993748+00	\N
8	1	3	1	1	2	\N	\N	+44 helpline	\N	\N	\N	f	f	f	2026-12-02 10:11:46.994233+00	\N
\.


--
-- Data for Name: board_dot; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.board_dot (id, event_id, ballot, participant_id, card_id, theme_id) FROM stdin;
1	1	1	1	2	\N
2	1	1	2	2	\N
3	1	1	3	2	\N
4	1	1	4	3	\N
5	1	1	1	1	\N
6	1	1	2	6	\N
7	1	1	3	\N	2
\.


--
-- Data for Name: board_theme; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.board_theme (id, event_id, name, created_at) FROM stdin;
1	1	Belonging	2026-12-02 10:11:46.97757+00
2	1	Access & <transport>	2026-12-02 10:11:46.977574+00
\.


--
-- Data for Name: cafe_round; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.cafe_round (id, activity_id, number, question, minutes, status, seated, deadline, paused_remaining_ms, started_at, ended_at, repeats) FROM stdin;
1	3	1	What helps you feel in control?	20	ended	f	\N	\N	\N	\N	0
\.


--
-- Data for Name: cafe_seat; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.cafe_seat (id, round_id, table_id, participant_id, is_host) FROM stdin;
\.


--
-- Data for Name: cafe_table; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.cafe_table (id, activity_id, "position", name, capacity, host_id, active) FROM stdin;
1	3	0	Table «Oak», by the window	5	\N	t
\.


--
-- Data for Name: circle_agreement; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.circle_agreement (id, event_id, participant_id, client_id, text, status, merged_into_id, created_at, decided_at) FROM stdin;
2	1	2	\N	Phones on silent	proposed	\N	2026-12-02 10:11:46.966804+00	\N
1	1	1	\N	Say "pass" freely, no reasons needed	accepted	\N	2026-12-02 10:11:46.962322+00	2026-12-02 10:11:46.9672+00
3	1	\N	\N	What is said here, stays here	accepted	\N	2026-12-02 10:11:46.969758+00	2026-12-02 10:11:46.967218+00
\.


--
-- Data for Name: circle_pledge; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.circle_pledge (id, activity_id, participant_id, client_id, text, shared, created_at) FROM stdin;
1	4	1	\N	I will start a walking group, «every Tuesday»	t	2026-12-02 10:11:47.013922+00
2	4	2	\N	PRIVATE-PLEDGE-Quokka-9	f	2026-12-02 10:11:47.021717+00
3	4	4	\N	Bring a friend next time	t	2026-12-02 10:11:47.022855+00
\.


--
-- Data for Name: circle_turn; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.circle_turn (id, activity_id, participant_id, "position", status, passes, missed) FROM stdin;
1	4	1	0	waiting	0	0
2	4	2	1	waiting	0	0
3	4	3	2	waiting	0	0
4	4	4	3	waiting	0	0
5	4	5	4	waiting	0	0
\.


--
-- Data for Name: circle_word; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.circle_word (id, activity_id, participant_id, client_id, text, created_at) FROM stdin;
1	4	1	\N	Hopeful	2026-12-02 10:11:47.007353+00
2	4	2	\N	hopeful	2026-12-02 10:11:47.008891+00
3	4	4	\N	Connected, «finally»	2026-12-02 10:11:47.009974+00
\.


--
-- Data for Name: consult_clinician_key; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.consult_clinician_key (id, event_id, secret, created_at) FROM stdin;
\.


--
-- Data for Name: consult_goal; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.consult_goal (id, activity_id, participant_id, client_id, text, shared, created_at) FROM stdin;
\.


--
-- Data for Name: consult_question; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.consult_question (id, event_id, activity_id, participant_id, client_id, text, visibility, named, theme_id, created_at, updated_at) FROM stdin;
\.


--
-- Data for Name: consult_theme; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.consult_theme (id, event_id, name, note, created_at) FROM stdin;
\.


--
-- Data for Name: event; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.event (id, code, title, purpose, welcome_text, agreement_text, locked, created_at, retain_until, current_activity_id) FROM stdin;
1	PGFJV9QG	Santé & «Ensemble» <gathering>	Listen, then act: "together"		What is said here stays here.	f	2026-12-02 10:11:46.882575+00	2031-01-01 00:00:00+00	4
\.


--
-- Data for Name: group_agreement_acceptance; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.group_agreement_acceptance (id, version_id, participant_id, accepted_at) FROM stdin;
1	1	1	2026-12-02 10:11:46.910263+00
2	1	2	2026-12-02 10:11:46.918923+00
3	1	3	2026-12-02 10:11:46.926366+00
4	1	4	2026-12-02 10:11:46.92837+00
\.


--
-- Data for Name: group_agreement_version; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.group_agreement_version (id, event_id, number, text, created_at) FROM stdin;
1	1	1	What is said here stays here.	2026-12-02 10:11:46.890289+00
\.


--
-- Data for Name: handled_message; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.handled_message (id, participant_id, client_id, action, reply, handled_at) FROM stdin;
\.


--
-- Data for Name: participant; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.participant (id, event_id, token_hash, name, pronouns, without_phone, joined_at, agreed_at, removed_at, connections, last_seen_at) FROM stdin;
1	1	b5f1a5d7a95452114fed2f9d28abe806607371f6ce7a0cc00ead7baf1c2a40ce	Амара Петрова	\N	f	2026-12-02 10:11:46.910788+00	2026-12-02 10:11:46.910263+00	\N	0	\N
2	1	89d135720f8708d5283f549b041a0ab4f64d8ba70dba2b8ecad8cdc3d2c8d020	李小龙	\N	f	2026-12-02 10:11:46.91917+00	2026-12-02 10:11:46.918923+00	\N	0	\N
3	1	401d45d07bcc4ec35591eeeffeb11f434ced32a7e0fb4c1e926ab538ce06f65a	أمل الحسن	\N	f	2026-12-02 10:11:46.926573+00	2026-12-02 10:11:46.926366+00	\N	0	\N
4	1	168c4c4975c3a9002cf534ff6e37218c75820680c4841a445ddbe3c32faef708	\N	\N	f	2026-12-02 10:11:46.928547+00	2026-12-02 10:11:46.92837+00	\N	0	\N
5	1	049dd3aa42908e71d46f1bc979c98253ed5ae15831c31face6af4d806e679327	Gwen	\N	t	2026-12-02 10:11:46.930733+00	2026-12-02 10:11:46.930252+00	\N	0	\N
\.


--
-- Data for Name: pulse_responder; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.pulse_responder (id, activity_id, participant_id) FROM stdin;
1	1	1
2	1	2
3	1	4
4	4	1
5	4	2
6	4	4
\.


--
-- Data for Name: pulse_tally; Type: TABLE DATA; Schema: legacy_fixture; Owner: -
--

COPY legacy_fixture.pulse_tally (id, activity_id, dimension, score, count) FROM stdin;
1	1	control	1	0
4	1	control	4	0
5	1	control	5	0
6	1	contact	1	0
9	1	contact	4	0
10	1	contact	5	0
11	1	confidence	1	0
14	1	confidence	4	0
15	1	confidence	5	0
8	1	contact	3	1
3	1	control	3	1
13	1	confidence	3	1
2	1	control	2	2
7	1	contact	2	2
12	1	confidence	2	2
16	4	control	1	0
17	4	control	2	0
20	4	control	5	0
21	4	contact	1	0
22	4	contact	2	0
23	4	contact	3	0
26	4	confidence	1	0
27	4	confidence	2	0
28	4	confidence	3	0
25	4	contact	5	1
19	4	control	4	2
30	4	confidence	5	1
18	4	control	3	1
24	4	contact	4	2
29	4	confidence	4	2
\.


--
-- Name: activity_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.activity_id_seq', 4, true);


--
-- Name: board_card_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.board_card_id_seq', 8, true);


--
-- Name: board_dot_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.board_dot_id_seq', 7, true);


--
-- Name: board_theme_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.board_theme_id_seq', 2, true);


--
-- Name: cafe_round_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.cafe_round_id_seq', 1, true);


--
-- Name: cafe_seat_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.cafe_seat_id_seq', 1, false);


--
-- Name: cafe_table_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.cafe_table_id_seq', 1, true);


--
-- Name: circle_agreement_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.circle_agreement_id_seq', 3, true);


--
-- Name: circle_pledge_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.circle_pledge_id_seq', 3, true);


--
-- Name: circle_turn_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.circle_turn_id_seq', 5, true);


--
-- Name: circle_word_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.circle_word_id_seq', 3, true);


--
-- Name: consult_clinician_key_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.consult_clinician_key_id_seq', 1, false);


--
-- Name: consult_goal_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.consult_goal_id_seq', 1, false);


--
-- Name: consult_question_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.consult_question_id_seq', 1, false);


--
-- Name: consult_theme_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.consult_theme_id_seq', 1, false);


--
-- Name: event_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.event_id_seq', 1, true);


--
-- Name: group_agreement_acceptance_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.group_agreement_acceptance_id_seq', 4, true);


--
-- Name: group_agreement_version_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.group_agreement_version_id_seq', 1, true);


--
-- Name: handled_message_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.handled_message_id_seq', 1, false);


--
-- Name: participant_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.participant_id_seq', 5, true);


--
-- Name: pulse_responder_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.pulse_responder_id_seq', 6, true);


--
-- Name: pulse_tally_id_seq; Type: SEQUENCE SET; Schema: legacy_fixture; Owner: -
--

SELECT pg_catalog.setval('legacy_fixture.pulse_tally_id_seq', 30, true);


--
-- Name: activity pk_activity; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.activity
    ADD CONSTRAINT pk_activity PRIMARY KEY (id);


--
-- Name: board_card pk_board_card; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_card
    ADD CONSTRAINT pk_board_card PRIMARY KEY (id);


--
-- Name: board_dot pk_board_dot; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_dot
    ADD CONSTRAINT pk_board_dot PRIMARY KEY (id);


--
-- Name: board_theme pk_board_theme; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_theme
    ADD CONSTRAINT pk_board_theme PRIMARY KEY (id);


--
-- Name: cafe_round pk_cafe_round; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.cafe_round
    ADD CONSTRAINT pk_cafe_round PRIMARY KEY (id);


--
-- Name: cafe_seat pk_cafe_seat; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.cafe_seat
    ADD CONSTRAINT pk_cafe_seat PRIMARY KEY (id);


--
-- Name: cafe_table pk_cafe_table; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.cafe_table
    ADD CONSTRAINT pk_cafe_table PRIMARY KEY (id);


--
-- Name: circle_agreement pk_circle_agreement; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_agreement
    ADD CONSTRAINT pk_circle_agreement PRIMARY KEY (id);


--
-- Name: circle_pledge pk_circle_pledge; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_pledge
    ADD CONSTRAINT pk_circle_pledge PRIMARY KEY (id);


--
-- Name: circle_turn pk_circle_turn; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_turn
    ADD CONSTRAINT pk_circle_turn PRIMARY KEY (id);


--
-- Name: circle_word pk_circle_word; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_word
    ADD CONSTRAINT pk_circle_word PRIMARY KEY (id);


--
-- Name: consult_clinician_key pk_consult_clinician_key; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_clinician_key
    ADD CONSTRAINT pk_consult_clinician_key PRIMARY KEY (id);


--
-- Name: consult_goal pk_consult_goal; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_goal
    ADD CONSTRAINT pk_consult_goal PRIMARY KEY (id);


--
-- Name: consult_question pk_consult_question; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_question
    ADD CONSTRAINT pk_consult_question PRIMARY KEY (id);


--
-- Name: consult_theme pk_consult_theme; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_theme
    ADD CONSTRAINT pk_consult_theme PRIMARY KEY (id);


--
-- Name: event pk_event; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.event
    ADD CONSTRAINT pk_event PRIMARY KEY (id);


--
-- Name: group_agreement_acceptance pk_group_agreement_acceptance; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.group_agreement_acceptance
    ADD CONSTRAINT pk_group_agreement_acceptance PRIMARY KEY (id);


--
-- Name: group_agreement_version pk_group_agreement_version; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.group_agreement_version
    ADD CONSTRAINT pk_group_agreement_version PRIMARY KEY (id);


--
-- Name: handled_message pk_handled_message; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.handled_message
    ADD CONSTRAINT pk_handled_message PRIMARY KEY (id);


--
-- Name: participant pk_participant; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.participant
    ADD CONSTRAINT pk_participant PRIMARY KEY (id);


--
-- Name: pulse_responder pk_pulse_responder; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.pulse_responder
    ADD CONSTRAINT pk_pulse_responder PRIMARY KEY (id);


--
-- Name: pulse_tally pk_pulse_tally; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.pulse_tally
    ADD CONSTRAINT pk_pulse_tally PRIMARY KEY (id);


--
-- Name: board_card uq_board_card_author_id; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_card
    ADD CONSTRAINT uq_board_card_author_id UNIQUE (author_id, client_id);


--
-- Name: cafe_round uq_cafe_round_activity_id; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.cafe_round
    ADD CONSTRAINT uq_cafe_round_activity_id UNIQUE (activity_id, number);


--
-- Name: cafe_seat uq_cafe_seat_round_id; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.cafe_seat
    ADD CONSTRAINT uq_cafe_seat_round_id UNIQUE (round_id, participant_id);


--
-- Name: circle_agreement uq_circle_agreement_cid; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_agreement
    ADD CONSTRAINT uq_circle_agreement_cid UNIQUE (participant_id, client_id);


--
-- Name: circle_pledge uq_circle_pledge_cid; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_pledge
    ADD CONSTRAINT uq_circle_pledge_cid UNIQUE (participant_id, client_id);


--
-- Name: circle_pledge uq_circle_pledge_person; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_pledge
    ADD CONSTRAINT uq_circle_pledge_person UNIQUE (activity_id, participant_id);


--
-- Name: circle_turn uq_circle_turn_person; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_turn
    ADD CONSTRAINT uq_circle_turn_person UNIQUE (activity_id, participant_id);


--
-- Name: circle_word uq_circle_word_cid; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_word
    ADD CONSTRAINT uq_circle_word_cid UNIQUE (participant_id, client_id);


--
-- Name: circle_word uq_circle_word_person; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_word
    ADD CONSTRAINT uq_circle_word_person UNIQUE (activity_id, participant_id);


--
-- Name: consult_clinician_key uq_consult_clinician_key_event_id; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_clinician_key
    ADD CONSTRAINT uq_consult_clinician_key_event_id UNIQUE (event_id);


--
-- Name: consult_goal uq_consult_goal_cid; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_goal
    ADD CONSTRAINT uq_consult_goal_cid UNIQUE (participant_id, client_id);


--
-- Name: consult_goal uq_consult_goal_person; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_goal
    ADD CONSTRAINT uq_consult_goal_person UNIQUE (activity_id, participant_id);


--
-- Name: consult_question uq_consult_question_cid; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_question
    ADD CONSTRAINT uq_consult_question_cid UNIQUE (participant_id, client_id);


--
-- Name: event uq_event_code; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.event
    ADD CONSTRAINT uq_event_code UNIQUE (code);


--
-- Name: group_agreement_acceptance uq_group_agreement_acceptance_person; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.group_agreement_acceptance
    ADD CONSTRAINT uq_group_agreement_acceptance_person UNIQUE (version_id, participant_id);


--
-- Name: group_agreement_version uq_group_agreement_version_number; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.group_agreement_version
    ADD CONSTRAINT uq_group_agreement_version_number UNIQUE (event_id, number);


--
-- Name: handled_message uq_handled_message_sender; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.handled_message
    ADD CONSTRAINT uq_handled_message_sender UNIQUE (participant_id, client_id);


--
-- Name: participant uq_participant_token_hash; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.participant
    ADD CONSTRAINT uq_participant_token_hash UNIQUE (token_hash);


--
-- Name: pulse_responder uq_pulse_responder_person; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.pulse_responder
    ADD CONSTRAINT uq_pulse_responder_person UNIQUE (activity_id, participant_id);


--
-- Name: pulse_tally uq_pulse_tally_bucket; Type: CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.pulse_tally
    ADD CONSTRAINT uq_pulse_tally_bucket UNIQUE (activity_id, dimension, score);


--
-- Name: ix_activity_event_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_activity_event_id ON legacy_fixture.activity USING btree (event_id);


--
-- Name: ix_board_card_event_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_board_card_event_id ON legacy_fixture.board_card USING btree (event_id);


--
-- Name: ix_board_card_event_table; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_board_card_event_table ON legacy_fixture.board_card USING btree (event_id, table_id);


--
-- Name: ix_board_dot_ballot_person; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_board_dot_ballot_person ON legacy_fixture.board_dot USING btree (event_id, ballot, participant_id);


--
-- Name: ix_board_theme_event_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_board_theme_event_id ON legacy_fixture.board_theme USING btree (event_id);


--
-- Name: ix_cafe_round_activity_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_cafe_round_activity_id ON legacy_fixture.cafe_round USING btree (activity_id);


--
-- Name: ix_cafe_seat_participant_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_cafe_seat_participant_id ON legacy_fixture.cafe_seat USING btree (participant_id);


--
-- Name: ix_cafe_seat_round_table; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_cafe_seat_round_table ON legacy_fixture.cafe_seat USING btree (round_id, table_id);


--
-- Name: ix_cafe_table_activity_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_cafe_table_activity_id ON legacy_fixture.cafe_table USING btree (activity_id);


--
-- Name: ix_circle_agreement_event_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_circle_agreement_event_id ON legacy_fixture.circle_agreement USING btree (event_id);


--
-- Name: ix_circle_agreement_participant_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_circle_agreement_participant_id ON legacy_fixture.circle_agreement USING btree (participant_id);


--
-- Name: ix_circle_pledge_activity_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_circle_pledge_activity_id ON legacy_fixture.circle_pledge USING btree (activity_id);


--
-- Name: ix_circle_turn_order; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_circle_turn_order ON legacy_fixture.circle_turn USING btree (activity_id, "position");


--
-- Name: ix_circle_turn_participant_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_circle_turn_participant_id ON legacy_fixture.circle_turn USING btree (participant_id);


--
-- Name: ix_circle_word_activity_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_circle_word_activity_id ON legacy_fixture.circle_word USING btree (activity_id);


--
-- Name: ix_consult_goal_activity_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_consult_goal_activity_id ON legacy_fixture.consult_goal USING btree (activity_id);


--
-- Name: ix_consult_question_event; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_consult_question_event ON legacy_fixture.consult_question USING btree (event_id, id);


--
-- Name: ix_consult_question_participant_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_consult_question_participant_id ON legacy_fixture.consult_question USING btree (participant_id);


--
-- Name: ix_consult_theme_event_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_consult_theme_event_id ON legacy_fixture.consult_theme USING btree (event_id);


--
-- Name: ix_group_agreement_acceptance_participant_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_group_agreement_acceptance_participant_id ON legacy_fixture.group_agreement_acceptance USING btree (participant_id);


--
-- Name: ix_group_agreement_acceptance_version_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_group_agreement_acceptance_version_id ON legacy_fixture.group_agreement_acceptance USING btree (version_id);


--
-- Name: ix_group_agreement_version_event_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_group_agreement_version_event_id ON legacy_fixture.group_agreement_version USING btree (event_id);


--
-- Name: ix_handled_message_participant_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_handled_message_participant_id ON legacy_fixture.handled_message USING btree (participant_id);


--
-- Name: ix_participant_event_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_participant_event_id ON legacy_fixture.participant USING btree (event_id);


--
-- Name: ix_participant_event_joined; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_participant_event_joined ON legacy_fixture.participant USING btree (event_id, id);


--
-- Name: ix_pulse_responder_activity_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_pulse_responder_activity_id ON legacy_fixture.pulse_responder USING btree (activity_id);


--
-- Name: ix_pulse_tally_activity_id; Type: INDEX; Schema: legacy_fixture; Owner: -
--

CREATE INDEX ix_pulse_tally_activity_id ON legacy_fixture.pulse_tally USING btree (activity_id);


--
-- Name: activity fk_activity_event_id_event; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.activity
    ADD CONSTRAINT fk_activity_event_id_event FOREIGN KEY (event_id) REFERENCES legacy_fixture.event(id) ON DELETE CASCADE;


--
-- Name: board_card fk_board_card_activity_id_activity; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_card
    ADD CONSTRAINT fk_board_card_activity_id_activity FOREIGN KEY (activity_id) REFERENCES legacy_fixture.activity(id) ON DELETE SET NULL;


--
-- Name: board_card fk_board_card_author_id_participant; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_card
    ADD CONSTRAINT fk_board_card_author_id_participant FOREIGN KEY (author_id) REFERENCES legacy_fixture.participant(id) ON DELETE CASCADE;


--
-- Name: board_card fk_board_card_event_id_event; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_card
    ADD CONSTRAINT fk_board_card_event_id_event FOREIGN KEY (event_id) REFERENCES legacy_fixture.event(id) ON DELETE CASCADE;


--
-- Name: board_card fk_board_card_merged_into_id_board_card; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_card
    ADD CONSTRAINT fk_board_card_merged_into_id_board_card FOREIGN KEY (merged_into_id) REFERENCES legacy_fixture.board_card(id) ON DELETE SET NULL;


--
-- Name: board_card fk_board_card_on_behalf_id_participant; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_card
    ADD CONSTRAINT fk_board_card_on_behalf_id_participant FOREIGN KEY (on_behalf_id) REFERENCES legacy_fixture.participant(id) ON DELETE SET NULL;


--
-- Name: board_card fk_board_card_round_id_cafe_round; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_card
    ADD CONSTRAINT fk_board_card_round_id_cafe_round FOREIGN KEY (round_id) REFERENCES legacy_fixture.cafe_round(id) ON DELETE SET NULL;


--
-- Name: board_card fk_board_card_table_id_cafe_table; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_card
    ADD CONSTRAINT fk_board_card_table_id_cafe_table FOREIGN KEY (table_id) REFERENCES legacy_fixture.cafe_table(id) ON DELETE SET NULL;


--
-- Name: board_card fk_board_card_theme_id_board_theme; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_card
    ADD CONSTRAINT fk_board_card_theme_id_board_theme FOREIGN KEY (theme_id) REFERENCES legacy_fixture.board_theme(id) ON DELETE SET NULL;


--
-- Name: board_dot fk_board_dot_card_id_board_card; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_dot
    ADD CONSTRAINT fk_board_dot_card_id_board_card FOREIGN KEY (card_id) REFERENCES legacy_fixture.board_card(id) ON DELETE CASCADE;


--
-- Name: board_dot fk_board_dot_event_id_event; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_dot
    ADD CONSTRAINT fk_board_dot_event_id_event FOREIGN KEY (event_id) REFERENCES legacy_fixture.event(id) ON DELETE CASCADE;


--
-- Name: board_dot fk_board_dot_participant_id_participant; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_dot
    ADD CONSTRAINT fk_board_dot_participant_id_participant FOREIGN KEY (participant_id) REFERENCES legacy_fixture.participant(id) ON DELETE CASCADE;


--
-- Name: board_dot fk_board_dot_theme_id_board_theme; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_dot
    ADD CONSTRAINT fk_board_dot_theme_id_board_theme FOREIGN KEY (theme_id) REFERENCES legacy_fixture.board_theme(id) ON DELETE CASCADE;


--
-- Name: board_theme fk_board_theme_event_id_event; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.board_theme
    ADD CONSTRAINT fk_board_theme_event_id_event FOREIGN KEY (event_id) REFERENCES legacy_fixture.event(id) ON DELETE CASCADE;


--
-- Name: cafe_round fk_cafe_round_activity_id_activity; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.cafe_round
    ADD CONSTRAINT fk_cafe_round_activity_id_activity FOREIGN KEY (activity_id) REFERENCES legacy_fixture.activity(id) ON DELETE CASCADE;


--
-- Name: cafe_seat fk_cafe_seat_participant_id_participant; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.cafe_seat
    ADD CONSTRAINT fk_cafe_seat_participant_id_participant FOREIGN KEY (participant_id) REFERENCES legacy_fixture.participant(id) ON DELETE CASCADE;


--
-- Name: cafe_seat fk_cafe_seat_round_id_cafe_round; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.cafe_seat
    ADD CONSTRAINT fk_cafe_seat_round_id_cafe_round FOREIGN KEY (round_id) REFERENCES legacy_fixture.cafe_round(id) ON DELETE CASCADE;


--
-- Name: cafe_seat fk_cafe_seat_table_id_cafe_table; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.cafe_seat
    ADD CONSTRAINT fk_cafe_seat_table_id_cafe_table FOREIGN KEY (table_id) REFERENCES legacy_fixture.cafe_table(id) ON DELETE CASCADE;


--
-- Name: cafe_table fk_cafe_table_activity_id_activity; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.cafe_table
    ADD CONSTRAINT fk_cafe_table_activity_id_activity FOREIGN KEY (activity_id) REFERENCES legacy_fixture.activity(id) ON DELETE CASCADE;


--
-- Name: cafe_table fk_cafe_table_host_id_participant; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.cafe_table
    ADD CONSTRAINT fk_cafe_table_host_id_participant FOREIGN KEY (host_id) REFERENCES legacy_fixture.participant(id) ON DELETE SET NULL;


--
-- Name: circle_agreement fk_circle_agreement_event_id_event; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_agreement
    ADD CONSTRAINT fk_circle_agreement_event_id_event FOREIGN KEY (event_id) REFERENCES legacy_fixture.event(id) ON DELETE CASCADE;


--
-- Name: circle_agreement fk_circle_agreement_merged_into_id_circle_agreement; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_agreement
    ADD CONSTRAINT fk_circle_agreement_merged_into_id_circle_agreement FOREIGN KEY (merged_into_id) REFERENCES legacy_fixture.circle_agreement(id) ON DELETE SET NULL;


--
-- Name: circle_agreement fk_circle_agreement_participant_id_participant; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_agreement
    ADD CONSTRAINT fk_circle_agreement_participant_id_participant FOREIGN KEY (participant_id) REFERENCES legacy_fixture.participant(id) ON DELETE CASCADE;


--
-- Name: circle_pledge fk_circle_pledge_activity_id_activity; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_pledge
    ADD CONSTRAINT fk_circle_pledge_activity_id_activity FOREIGN KEY (activity_id) REFERENCES legacy_fixture.activity(id) ON DELETE CASCADE;


--
-- Name: circle_pledge fk_circle_pledge_participant_id_participant; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_pledge
    ADD CONSTRAINT fk_circle_pledge_participant_id_participant FOREIGN KEY (participant_id) REFERENCES legacy_fixture.participant(id) ON DELETE CASCADE;


--
-- Name: circle_turn fk_circle_turn_activity_id_activity; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_turn
    ADD CONSTRAINT fk_circle_turn_activity_id_activity FOREIGN KEY (activity_id) REFERENCES legacy_fixture.activity(id) ON DELETE CASCADE;


--
-- Name: circle_turn fk_circle_turn_participant_id_participant; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_turn
    ADD CONSTRAINT fk_circle_turn_participant_id_participant FOREIGN KEY (participant_id) REFERENCES legacy_fixture.participant(id) ON DELETE CASCADE;


--
-- Name: circle_word fk_circle_word_activity_id_activity; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_word
    ADD CONSTRAINT fk_circle_word_activity_id_activity FOREIGN KEY (activity_id) REFERENCES legacy_fixture.activity(id) ON DELETE CASCADE;


--
-- Name: circle_word fk_circle_word_participant_id_participant; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.circle_word
    ADD CONSTRAINT fk_circle_word_participant_id_participant FOREIGN KEY (participant_id) REFERENCES legacy_fixture.participant(id) ON DELETE CASCADE;


--
-- Name: consult_clinician_key fk_consult_clinician_key_event_id_event; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_clinician_key
    ADD CONSTRAINT fk_consult_clinician_key_event_id_event FOREIGN KEY (event_id) REFERENCES legacy_fixture.event(id) ON DELETE CASCADE;


--
-- Name: consult_goal fk_consult_goal_activity_id_activity; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_goal
    ADD CONSTRAINT fk_consult_goal_activity_id_activity FOREIGN KEY (activity_id) REFERENCES legacy_fixture.activity(id) ON DELETE CASCADE;


--
-- Name: consult_goal fk_consult_goal_participant_id_participant; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_goal
    ADD CONSTRAINT fk_consult_goal_participant_id_participant FOREIGN KEY (participant_id) REFERENCES legacy_fixture.participant(id) ON DELETE CASCADE;


--
-- Name: consult_question fk_consult_question_activity_id_activity; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_question
    ADD CONSTRAINT fk_consult_question_activity_id_activity FOREIGN KEY (activity_id) REFERENCES legacy_fixture.activity(id) ON DELETE SET NULL;


--
-- Name: consult_question fk_consult_question_event_id_event; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_question
    ADD CONSTRAINT fk_consult_question_event_id_event FOREIGN KEY (event_id) REFERENCES legacy_fixture.event(id) ON DELETE CASCADE;


--
-- Name: consult_question fk_consult_question_participant_id_participant; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_question
    ADD CONSTRAINT fk_consult_question_participant_id_participant FOREIGN KEY (participant_id) REFERENCES legacy_fixture.participant(id) ON DELETE CASCADE;


--
-- Name: consult_question fk_consult_question_theme_id_consult_theme; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_question
    ADD CONSTRAINT fk_consult_question_theme_id_consult_theme FOREIGN KEY (theme_id) REFERENCES legacy_fixture.consult_theme(id) ON DELETE SET NULL;


--
-- Name: consult_theme fk_consult_theme_event_id_event; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.consult_theme
    ADD CONSTRAINT fk_consult_theme_event_id_event FOREIGN KEY (event_id) REFERENCES legacy_fixture.event(id) ON DELETE CASCADE;


--
-- Name: event fk_event_current_activity_id_activity; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.event
    ADD CONSTRAINT fk_event_current_activity_id_activity FOREIGN KEY (current_activity_id) REFERENCES legacy_fixture.activity(id) ON DELETE SET NULL;


--
-- Name: group_agreement_acceptance fk_group_agreement_acceptance_participant_id_participant; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.group_agreement_acceptance
    ADD CONSTRAINT fk_group_agreement_acceptance_participant_id_participant FOREIGN KEY (participant_id) REFERENCES legacy_fixture.participant(id) ON DELETE CASCADE;


--
-- Name: group_agreement_acceptance fk_group_agreement_acceptance_version_id_group_agreemen_6ff9; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.group_agreement_acceptance
    ADD CONSTRAINT fk_group_agreement_acceptance_version_id_group_agreemen_6ff9 FOREIGN KEY (version_id) REFERENCES legacy_fixture.group_agreement_version(id) ON DELETE CASCADE;


--
-- Name: group_agreement_version fk_group_agreement_version_event_id_event; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.group_agreement_version
    ADD CONSTRAINT fk_group_agreement_version_event_id_event FOREIGN KEY (event_id) REFERENCES legacy_fixture.event(id) ON DELETE CASCADE;


--
-- Name: handled_message fk_handled_message_participant_id_participant; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.handled_message
    ADD CONSTRAINT fk_handled_message_participant_id_participant FOREIGN KEY (participant_id) REFERENCES legacy_fixture.participant(id) ON DELETE CASCADE;


--
-- Name: participant fk_participant_event_id_event; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.participant
    ADD CONSTRAINT fk_participant_event_id_event FOREIGN KEY (event_id) REFERENCES legacy_fixture.event(id) ON DELETE CASCADE;


--
-- Name: pulse_responder fk_pulse_responder_activity_id_activity; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.pulse_responder
    ADD CONSTRAINT fk_pulse_responder_activity_id_activity FOREIGN KEY (activity_id) REFERENCES legacy_fixture.activity(id) ON DELETE CASCADE;


--
-- Name: pulse_responder fk_pulse_responder_participant_id_participant; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.pulse_responder
    ADD CONSTRAINT fk_pulse_responder_participant_id_participant FOREIGN KEY (participant_id) REFERENCES legacy_fixture.participant(id) ON DELETE CASCADE;


--
-- Name: pulse_tally fk_pulse_tally_activity_id_activity; Type: FK CONSTRAINT; Schema: legacy_fixture; Owner: -
--

ALTER TABLE ONLY legacy_fixture.pulse_tally
    ADD CONSTRAINT fk_pulse_tally_activity_id_activity FOREIGN KEY (activity_id) REFERENCES legacy_fixture.activity(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--

\unrestrict ejeKpOro6gaswKmjMvpPmxLRVwhcNFYenYyftRLRL1FPPWy4VSQ2eacGtDXXIRL

