import Testing

@testable import Policy

@Suite("Reply classification")
struct ReplyClassifierTests {
  @Test(
    "removal requests suppress as unsubscribe",
    arguments: [
      "Please remove me from your list.",
      "UNSUBSCRIBE",
      "Take me off your mailing list, thanks.",
      "Stop emailing me.",
      "Bitte entfernen Sie mich aus Ihrem Verteiler.",
      "Bitte abmelden.",
      "Ich möchte keine weiteren E-Mails erhalten.",
      "Merci de me désinscrire.",
      "Retirez-moi de votre liste s'il vous plaît.",
      "Veuillez me desinscrire",
      "Por favor, darme de baja.",
      "Quiero darme de baja de esta lista",
      "No me envíen más correos.",
    ])
  func removal(text: String) {
    #expect(ReplyClassifier.classify(text) == .removalRequest)
    #expect(ReplyClassifier.classify(text).suppressionSource == .unsubscribe)
  }

  @Test(
    "declines suppress as not interested",
    arguments: [
      "Not interested, thanks.",
      "No thanks.",
      "We're NOT INTERESTED at this time",
      "Kein Interesse.",
      "Danke, wir sind nicht interessiert.",
      "Nein danke",
      "Pas intéressé, merci.",
      "Nous ne sommes pas interesses",
      "Non merci.",
      "Cela ne m'intéresse pas.",
      "No me interesa.",
      "No estoy interesado, gracias.",
      "No, gracias.",
    ])
  func notInterested(text: String) {
    #expect(ReplyClassifier.classify(text) == .notInterested)
    #expect(ReplyClassifier.classify(text).suppressionSource == .notInterested)
  }

  @Test(
    "absence notices suppress nothing",
    arguments: [
      "I am out of office until Monday with limited access to email.",
      "Automatic reply: I'm on vacation.",
      "Abwesenheitsnotiz: Ich bin bis 3. Januar nicht im Büro.",
      "Ich bin außer Haus.",
      "Je suis absent du bureau jusqu'au 5 janvier.",
      "Réponse automatique : en congé",
      "Estoy fuera de la oficina hasta el lunes.",
      "Respuesta automática: de vacaciones",
    ])
  func outOfOffice(text: String) {
    #expect(ReplyClassifier.classify(text) == .outOfOffice)
    #expect(ReplyClassifier.classify(text).suppressionSource == nil)
  }

  @Test(
    "ordinary replies suppress nothing",
    arguments: [
      "Sounds great, send me the draft!",
      "Interested — what are your rates?",
      "Gerne, schicken Sie mir mehr Informationen.",
      "Oui, avec plaisir.",
      "Claro, me parece bien.",
      "Please do not remove me, I like these.",
      "",
    ])
  func ordinary(text: String) {
    #expect(ReplyClassifier.classify(text) == .ordinary)
  }

  @Test("quoted original text does not trigger classification")
  func quotedText() {
    let replies = [
      "Yes please, tell me more.\n\n> If you are not interested, reply unsubscribe.",
      "Sure!\nOn Mon, 1 Dec 2026 at 10:00, Out <out@x.com> wrote:\nunsubscribe here",
      "Gerne.\nAm 01.12.2026 um 10:00 schrieb Out <out@x.com>:\nabmelden",
      "Avec plaisir.\nLe 1 déc. 2026 à 10:00, Out <out@x.com> a écrit :\ndésinscrire",
      "Claro.\nEl 1 dic 2026, Out <out@x.com> escribió:\ndarme de baja",
      "OK\n-----Original Message-----\nnot interested? unsubscribe",
      "OK\nFrom: Out <out@x.com>\nSent: Monday\nno thanks",
    ]
    for reply in replies {
      #expect(ReplyClassifier.classify(reply) == .ordinary, "\(reply)")
    }
  }

  @Test("a removal request above a quote still counts")
  func removalAboveQuote() {
    let reply = "Please unsubscribe me.\n\n> Hi, would you like a guest post?"
    #expect(ReplyClassifier.classify(reply) == .removalRequest)
  }

  @Test("removal wins over not interested, which wins over out of office")
  func precedence() {
    #expect(ReplyClassifier.classify("Not interested. Unsubscribe me.") == .removalRequest)
    #expect(ReplyClassifier.classify("Out of office. Also: not interested.") == .notInterested)
  }
}

extension ReplyClassifierTests {
  @Test("a sentence that merely starts like an attribution is still read")
  func attributionLookalike() {
    let reply = "On Monday I wrote to your editor.\nPlease unsubscribe me."
    #expect(ReplyClassifier.classify(reply) == .removalRequest)
  }
}
