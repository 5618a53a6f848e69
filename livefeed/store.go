package livefeed

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// StoreOptions says where the feed's stream lives; zero values take the
// defaults.
type StoreOptions struct {
	// NATS lists the URLs of an existing NATS cluster with JetStream. Empty:
	// an embedded single node with its file store under Dir/Profile, which
	// listens on no port unless Listen says so.
	NATS []string
	// Dir and Profile place the embedded node's file store (and its lock:
	// one process at a time) at Dir/Profile/jetstream.
	Dir, Profile string
	// Listen, for the embedded node, is host:port where other processes
	// (`ecdash feed tail --nats`, relays) may connect ("": none).
	Listen string
	// Token authenticates to NATS: an embedded node that listens requires
	// it (made once and kept in Dir/Profile/nats-token, mode 0600, when
	// empty), and a client of one on this machine reads it from there.
	Token string
	// PublishWait bounds the wait for JetStream's acknowledgement of a
	// store (default 5 s, NATS' own); past it the receiver answers 503 and
	// the sender retries.
	PublishWait time.Duration
	// Replicas is the stream's replica count (default 1 embedded, 3 on a
	// cluster: a quorum acknowledges each notification).
	Replicas int
	// MaxAge and MaxBytes bound what the stream keeps (defaults 7 days and
	// 1 GiB); the oldest records go first.
	MaxAge   time.Duration
	MaxBytes int64
	// DedupeWindow is how long a notification's dedupe key is remembered
	// (default and minimum MinDedupeWindow).
	DedupeWindow time.Duration
	// SyncInterval is how often the embedded node fsyncs its files (default
	// 2 minutes, NATS' own); SyncAlways fsyncs each write before it is
	// acknowledged. Writes reach the kernel before the acknowledgement
	// either way, so a killed process loses nothing; these govern a power
	// loss.
	SyncInterval time.Duration
	SyncAlways   bool
}

// MinDedupeWindow is the shortest dedupe window the store accepts: the
// API retries a notification for less than a day.
const MinDedupeWindow = 24 * time.Hour

func (o StoreOptions) withDefaults() StoreOptions {
	if o.Replicas <= 0 {
		o.Replicas = 1
		if len(o.NATS) > 0 {
			o.Replicas = 3
		}
	}
	if o.PublishWait <= 0 {
		o.PublishWait = 5 * time.Second
	}
	if o.MaxAge <= 0 {
		o.MaxAge = 7 * 24 * time.Hour
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 1 << 30
	}
	if o.DedupeWindow < MinDedupeWindow {
		o.DedupeWindow = MinDedupeWindow
	}
	if o.MaxAge < o.DedupeWindow {
		o.MaxAge = o.DedupeWindow
	}
	return o
}

// ErrClosed is returned by a store (and its subscriptions) after Close.
var ErrClosed = errors.New("feed store closed")

// Store is the profile's durable record of verified notifications: a
// JetStream stream, on an embedded node or an existing cluster. A record's
// sequence number is its stream sequence; a repeat delivery (same dedupe
// key, as Nats-Msg-Id, within the window) is not stored again but noted by
// a small marker on the stream's dup subject, so every viewer learns of it.
// Safe for concurrent use.
type Store struct {
	opts    StoreOptions
	asked   StoreOptions   // as given: the limits set explicitly apply to an existing stream
	ns      *server.Server // the embedded node (nil on a cluster)
	lock    *os.File       // the embedded store's directory lock
	nc      *nats.Conn
	js      jetstream.JetStream
	stream  jetstream.Stream
	name    string // the stream
	subject string // records: <subject>.rec, repeat markers: <subject>.dup
	id      string
	dir     string
	closed  atomic.Bool

	appended, duplicates atomic.Uint64
}

// Headers of a stored record.
const (
	hdrSignature   = "Ecdash-Signature"
	hdrReceived    = "Ecdash-Received"
	hdrDuplicateOf = "Ecdash-Duplicate-Of"
)

// OpenStore opens (creating if needed) the profile's stream: on the
// cluster opts.NATS names, or on an embedded node started on its file store.
func OpenStore(ctx context.Context, opts StoreOptions) (*Store, error) {
	o := opts.withDefaults()
	s := &Store{opts: o, asked: opts}
	name := streamName(o.Profile)
	s.name, s.subject = name, "ecdash.feed."+strings.ToLower(name)
	var err error
	if len(o.NATS) == 0 {
		err = s.startEmbedded()
	} else {
		// No buffering while reconnecting: a receiver cut off from the
		// cluster answers 503 at once (the API retries), instead of holding
		// the delivery until it is back.
		copts := []nats.Option{nats.Name("ecdash " + o.Profile), nats.MaxReconnects(-1), nats.ReconnectBufSize(-1)}
		if tok := s.token(false); tok != "" {
			copts = append(copts, nats.Token(tok))
		}
		s.nc, err = nats.Connect(strings.Join(o.NATS, ","), copts...)
		if err != nil {
			err = fmt.Errorf("connecting to NATS at %s: %w", shownNATS(o.NATS), err)
		}
	}
	if err == nil {
		err = s.openStream(ctx)
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// streamName is the profile's stream: FEED_<PROFILE>, in the characters a
// stream name allows.
func streamName(profile string) string {
	if profile == "" {
		profile = "default"
	}
	return "FEED_" + strings.ToUpper(streamUnsafe.ReplaceAllString(profile, "_"))
}

func (s *Store) startEmbedded() error {
	path, err := journalDir(s.opts.Dir, s.opts.Profile)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(path, 0o700); err != nil {
		return fmt.Errorf("creating the feed store's directory: %w", err)
	}
	if s.lock, err = lockDir(filepath.Join(path, "lock")); err != nil {
		return err
	}
	s.dir = filepath.Join(path, "jetstream")
	so := &server.Options{
		ServerName:   "ecdash-" + strings.ToLower(s.name),
		JetStream:    true,
		StoreDir:     s.dir,
		DontListen:   true,
		NoLog:        true,
		NoSigs:       true,
		SyncInterval: s.opts.SyncInterval,
		SyncAlways:   s.opts.SyncAlways,
	}
	if s.opts.Listen != "" {
		host, port, err := net.SplitHostPort(s.opts.Listen)
		if err != nil {
			return fmt.Errorf("--nats-listen %q: %w", s.opts.Listen, err)
		}
		p, err := strconv.Atoi(port)
		if err != nil {
			return fmt.Errorf("--nats-listen %q: the port is not a number", s.opts.Listen)
		}
		if p == 0 {
			p = server.RANDOM_PORT // NATS reads 0 as its default port
		}
		so.DontListen, so.Host, so.Port = false, host, p
		// Whoever can publish here writes verified notifications: only
		// holders of the token may connect.
		if so.Authorization = s.token(true); so.Authorization == "" {
			return errors.New("--nats-listen: could not make the token that guards the port")
		}
	}
	if s.ns, err = server.NewServer(so); err != nil {
		return fmt.Errorf("starting the embedded NATS node: %w", err)
	}
	s.ns.Start()
	if !s.ns.ReadyForConnections(30 * time.Second) {
		return errors.New("the embedded NATS node did not start within 30 s")
	}
	copts := []nats.Option{nats.InProcessServer(s.ns), nats.Name("ecdash " + s.opts.Profile)}
	if so.Authorization != "" {
		copts = append(copts, nats.Token(so.Authorization))
	}
	if s.nc, err = nats.Connect("", copts...); err != nil {
		return fmt.Errorf("connecting to the embedded NATS node: %w", err)
	}
	return nil
}

func (s *Store) openStream(ctx context.Context) error {
	js, err := jetstream.New(s.nc, jetstream.WithDefaultTimeout(s.opts.PublishWait))
	if err != nil {
		return err
	}
	s.js = js
	cfg := jetstream.StreamConfig{
		Name:       s.name,
		Subjects:   []string{s.subject + ".>"},
		Storage:    jetstream.FileStorage,
		Retention:  jetstream.LimitsPolicy,
		Discard:    jetstream.DiscardOld,
		MaxAge:     s.opts.MaxAge,
		MaxBytes:   s.opts.MaxBytes,
		Duplicates: s.opts.DedupeWindow,
		Replicas:   s.opts.Replicas,
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	// An existing stream keeps its settings but for the limits asked for
	// explicitly: relays sharing it on a cluster, each with defaults, do not
	// fight over them.
	s.stream, err = js.Stream(ctx, s.name)
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		s.stream, err = js.CreateStream(ctx, cfg)
	}
	if err != nil {
		return fmt.Errorf("opening the feed's stream %s: %w", s.name, err)
	}
	info, err := s.stream.Info(ctx)
	if err != nil {
		return fmt.Errorf("reading the feed's stream %s: %w", s.name, err)
	}
	if want, changed := s.askedLimits(info.Config); changed {
		if s.stream, err = js.UpdateStream(ctx, want); err != nil {
			return fmt.Errorf("changing the feed's stream %s (retention, replicas): %w", s.name, err)
		}
	}
	s.id = s.name + "@" + strconv.FormatInt(info.Created.UnixNano(), 36)
	return nil
}

// askedLimits is the stream's config with the limits given explicitly
// (retention by age and size, dedupe window, replicas), and whether that
// changes it.
func (s *Store) askedLimits(cfg jetstream.StreamConfig) (jetstream.StreamConfig, bool) {
	before := cfg
	if s.asked.MaxAge > 0 {
		cfg.MaxAge = s.opts.MaxAge
	}
	if s.asked.MaxBytes > 0 {
		cfg.MaxBytes = s.opts.MaxBytes
	}
	if s.asked.DedupeWindow > 0 {
		cfg.Duplicates = s.opts.DedupeWindow
	}
	if s.asked.Replicas > 0 {
		cfg.Replicas = s.opts.Replicas
	}
	return cfg, cfg.MaxAge != before.MaxAge || cfg.MaxBytes != before.MaxBytes || cfg.Duplicates != before.Duplicates || cfg.Replicas != before.Replicas
}

// Append stores rec (its Seq is assigned) and returns once the store
// acknowledged it: on an embedded node once written, on a cluster once a
// quorum of replicas has it. A record whose Key was stored within the
// dedupe window is not stored again: its first sequence number comes back
// with duplicate true, and a repeat marker tells the viewers.
func (s *Store) Append(ctx context.Context, rec Record) (seq uint64, duplicate bool, err error) {
	return s.append(ctx, rec, true)
}

// append stores rec; a repeat is marked on the dup subject when mark (an
// import's copy of what the store holds is no new delivery).
func (s *Store) append(ctx context.Context, rec Record, mark bool) (seq uint64, duplicate bool, err error) {
	if s.closed.Load() {
		return 0, false, ErrClosed
	}
	received := rec.Received
	if received.IsZero() {
		received = time.Now()
	}
	msg := &nats.Msg{Subject: s.subject + ".rec", Data: rec.Body, Header: nats.Header{}}
	msg.Header.Set(hdrSignature, rec.Signature)
	msg.Header.Set(hdrReceived, received.UTC().Format(time.RFC3339Nano))
	if rec.Key != "" {
		msg.Header.Set(jetstream.MsgIDHeader, rec.Key)
	}
	ack, err := s.js.PublishMsg(ctx, msg)
	if err != nil {
		return 0, false, fmt.Errorf("storing the notification: %w", err)
	}
	if !ack.Duplicate {
		s.appended.Add(1)
		return ack.Sequence, false, nil
	}
	s.duplicates.Add(1)
	if !mark {
		return ack.Sequence, true, nil
	}
	dup := &nats.Msg{Subject: s.subject + ".dup", Header: nats.Header{}}
	dup.Header.Set(hdrDuplicateOf, strconv.FormatUint(ack.Sequence, 10))
	if _, err := s.js.PublishMsg(ctx, dup); err != nil {
		return 0, false, fmt.Errorf("noting a repeat delivery: %w", err)
	}
	return ack.Sequence, true, nil
}

// LastSeq is the stream's last sequence number (0 when empty or unknown).
func (s *Store) LastSeq() uint64 {
	st, err := s.state()
	if err != nil {
		return 0
	}
	return st.LastSeq
}

// Bounds is the stream's first and last sequence numbers, or why they are
// not known now (a cluster electing a leader): a viewer must not take an
// unknown end for an empty stream.
func (s *Store) Bounds() (first, last uint64, err error) {
	st, err := s.state()
	return st.FirstSeq, st.LastSeq, err
}

func (s *Store) state() (jetstream.StreamState, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	info, err := s.stream.Info(ctx)
	if err != nil {
		return jetstream.StreamState{}, err
	}
	return info.State, nil
}

// ID names the stream: a viewer that resumes against another stream
// (recreated, another profile) starts over.
func (s *Store) ID() string { return s.id }

// ClientURL is where other processes reach the embedded node ("" when it
// listens on no port, and on a cluster).
func (s *Store) ClientURL() string {
	if s.ns == nil || s.opts.Listen == "" {
		return ""
	}
	return s.ns.ClientURL()
}

// StoreExists reports whether the embedded store of opts was ever created
// (a reader should not create an empty one).
func StoreExists(opts StoreOptions) bool {
	path, err := journalDir(opts.Dir, opts.Profile)
	if err != nil {
		return false
	}
	_, err = os.Stat(filepath.Join(path, "jetstream"))
	return err == nil
}

// token is the NATS token: the one given, else the one kept beside the
// profile's store (made when create is true and there is none yet).
func (s *Store) token(create bool) string {
	if s.opts.Token != "" {
		return s.opts.Token
	}
	path, err := journalDir(s.opts.Dir, s.opts.Profile)
	if err != nil {
		return ""
	}
	file := filepath.Join(path, "nats-token")
	if b, err := os.ReadFile(file); err == nil && len(strings.TrimSpace(string(b))) > 0 {
		return strings.TrimSpace(string(b))
	}
	if !create {
		return ""
	}
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return ""
	}
	tok := hex.EncodeToString(buf)
	if err := os.WriteFile(file, []byte(tok+"\n"), 0o600); err != nil {
		return ""
	}
	return tok
}

// TokenFile is where the embedded node's token is kept.
func TokenFile(opts StoreOptions) string {
	path, err := journalDir(opts.Dir, opts.Profile)
	if err != nil {
		return ""
	}
	return filepath.Join(path, "nats-token")
}

// shownNATS names NATS URLs without their credentials.
func shownNATS(urls []string) string {
	out := make([]string, len(urls))
	for i, raw := range urls {
		u, err := url.Parse(raw)
		switch {
		case err != nil:
			out[i] = "(a URL that does not parse)"
		case u.User != nil:
			u.User = nil
			out[i] = u.Scheme + "://…@" + strings.TrimPrefix(u.String(), u.Scheme+"://")
		default:
			out[i] = u.String()
		}
	}
	return strings.Join(out, ",")
}

// Options are the options the store was opened with, defaults filled in.
func (s *Store) Options() StoreOptions { return s.opts }

// Where says where the stream lives, for logs: the directory, or the cluster.
func (s *Store) Where() string {
	if s.ns != nil {
		return s.dir + " (embedded NATS JetStream, stream " + s.name + ")"
	}
	return "NATS " + shownNATS(s.opts.NATS) + " (stream " + s.name + ", " + strconv.Itoa(s.opts.Replicas) + " replicas)"
}

// StoreStats counts a store's work since it was opened.
type StoreStats struct {
	Appended, Duplicates uint64
}

// Stats counts what this process stored and recognised as repeats.
func (s *Store) Stats() StoreStats {
	return StoreStats{Appended: s.appended.Load(), Duplicates: s.duplicates.Load()}
}

// Close ends the connection and, when embedded, the node (its files are
// consistent: the node shuts down in order).
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	if s.nc != nil {
		s.nc.Close()
	}
	if s.ns != nil {
		s.ns.Shutdown()
		s.ns.WaitForShutdown()
	}
	if s.lock != nil {
		return s.lock.Close()
	}
	return nil
}

// streamUnsafe are the characters a stream name may not hold.
var streamUnsafe = regexp.MustCompile(`[^A-Za-z0-9_-]`)
