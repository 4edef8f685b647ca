/*===- test/unit/framework_test.c - framework name recognition ------------===*/
#include "clara_test.h"
#include "framework.h"

static const char *q(const char *demangled) {
  static char buf[512];
  clara_qualified_name(demangled, buf, sizeof buf);
  return buf;
}

static void test_qualified_name(void) {
  CLARA_CHECK_STR(q("HashTable<IPFlowID, int>::find(IPFlowID const&) const"),
                  "HashTable::find");
  CLARA_CHECK_STR(q("Element::Port::push(Packet*) const"),
                  "Element::Port::push");
  CLARA_CHECK_STR(q("click_chatter(char const*, ...)"), "click_chatter");
  CLARA_CHECK_STR(q("void foo<int>(int)"), "foo");
  CLARA_CHECK_STR(q("HashTable<int, int>::iterator lookup<int>(int)"),
                  "lookup");
  CLARA_CHECK_STR(q("IPAddress::operator unsigned int() const"),
                  "IPAddress::operator unsigned int");
  CLARA_CHECK_STR(q("operator==(IPAddress, IPAddress)"), "operator==");
  CLARA_CHECK_STR(q("Vector<int>::operator[](int)"), "Vector::operator[]");
  CLARA_CHECK_STR(q("Foo::operator<(Foo const&) const"), "Foo::operator<");
  CLARA_CHECK_STR(q("Foo::operator()(int)"), "Foo::operator()");
  CLARA_CHECK_STR(q("(anonymous namespace)::Helper::run(void (*)(int))"),
                  "Helper::run");
  CLARA_CHECK_STR(q("Click::Packet::kill()"), "Packet::kill");
  CLARA_CHECK_STR(q("Foo::bar() [clone .cold]"), "Foo::bar");
}

static void test_classify(void) {
  CLARA_CHECK_EQ_INT(clara_framework_classify("Packet::ip_header() const"),
                     CLARA_FRAMEWORK_HEADER);
  CLARA_CHECK_EQ_INT(
      clara_framework_classify("WritablePacket::ip_header() const"),
      CLARA_FRAMEWORK_HEADER);
  CLARA_CHECK_EQ_INT(clara_framework_classify("Element::output(int) const"),
                     CLARA_FRAMEWORK_HEADER);
  CLARA_CHECK_EQ_INT(
      clara_framework_classify("Element::add_read_handler(String const&, "
                               "String (*)(Element*, void*), void*, int)"),
      CLARA_FRAMEWORK_DROPPED);
  CLARA_CHECK_EQ_INT(
      clara_framework_classify("HashTable<IPFlowID, int>::find(IPFlowID "
                               "const&)"),
      CLARA_FRAMEWORK_STATE);
  CLARA_CHECK_EQ_INT(clara_framework_classify("Vector<int>::operator[](int)"),
                     CLARA_FRAMEWORK_STATE);
  CLARA_CHECK_EQ_INT(
      clara_framework_classify("click_chatter(char const*, ...)"),
      CLARA_FRAMEWORK_DROPPED);
  CLARA_CHECK_EQ_INT(
      clara_framework_classify("click_in_cksum(unsigned char const*, int)"),
      CLARA_FRAMEWORK_HEADER);
  CLARA_CHECK_EQ_INT(clara_framework_classify("String::~String()"),
                     CLARA_FRAMEWORK_DROPPED);
  CLARA_CHECK_EQ_INT(clara_framework_classify("IntArg::IntArg(int)"),
                     CLARA_FRAMEWORK_DROPPED);
  CLARA_CHECK_EQ_INT(
      clara_framework_classify("LandmarkErrorHandler::decorate(String const&)"),
      CLARA_FRAMEWORK_DROPPED);
  CLARA_CHECK_EQ_INT(
      clara_framework_classify("operator==(IPAddress, IPAddress)"),
      CLARA_FRAMEWORK_HEADER);
  CLARA_CHECK_EQ_INT(clara_framework_classify("operator+(String const&, "
                                              "char const*)"),
                     CLARA_FRAMEWORK_DROPPED);
  CLARA_CHECK_EQ_INT(
      clara_framework_classify("HashTable_pair_key<IPFlowID, int>::hashkey() "
                               "const"),
      CLARA_FRAMEWORK_STATE);
  CLARA_CHECK_EQ_INT(clara_framework_classify("HashMap_Pair<int, int>::"
                                              "HashMap_Pair(int const&)"),
                     CLARA_FRAMEWORK_STATE);
  CLARA_CHECK_EQ_INT(clara_framework_classify("DefaultArg<int>::parse(String "
                                              "const&, int&, ArgContext "
                                              "const&)"),
                     CLARA_FRAMEWORK_DROPPED);
  CLARA_CHECK_EQ_INT(clara_framework_classify("clara_element_setup(Element*, "
                                              "char const*, int, int, "
                                              "ErrorHandler*)"),
                     CLARA_FRAMEWORK_DROPPED);
  CLARA_CHECK_EQ_INT(clara_framework_classify("Element::run_task(Task*)"),
                     CLARA_FRAMEWORK_DROPPED);
  CLARA_CHECK_EQ_INT(
      clara_framework_classify("Element::checked_output_push(int, Packet*) "
                               "const"),
      CLARA_FRAMEWORK_HEADER);
  /* Found on real Click bitcode (click/algorithm.hh, ipaddress.hh, ...). */
  CLARA_CHECK_EQ_INT(clara_framework_classify("IPAddress* find<IPAddress*, "
                                              "IPAddress>(IPAddress*, "
                                              "IPAddress*, IPAddress const&)"),
                     CLARA_FRAMEWORK_STATE);
  CLARA_CHECK_EQ_INT(clara_framework_classify("IPAddress::unparse() const"),
                     CLARA_FRAMEWORK_DROPPED);
  CLARA_CHECK_EQ_INT(
      clara_framework_classify("EtherAddress::unparse_colon() const"),
      CLARA_FRAMEWORK_DROPPED);
  CLARA_CHECK_EQ_INT(clara_framework_classify("IPAddress::s() const"),
                     CLARA_FRAMEWORK_DROPPED);
  CLARA_CHECK_EQ_INT(clara_framework_classify("HashAllocator::allocate()"),
                     CLARA_FRAMEWORK_STATE);
  CLARA_CHECK_EQ_INT(clara_framework_classify("unsigned int hashkey<IPFlowID>"
                                              "(IPFlowID const&)"),
                     CLARA_FRAMEWORK_STATE);
  CLARA_CHECK_EQ_INT(clara_framework_classify("operator==(timeval const&, "
                                              "timeval const&)"),
                     CLARA_FRAMEWORK_HEADER);
  CLARA_CHECK_EQ_INT(clara_framework_classify("int_divide(long long, long "
                                              "long)"),
                     CLARA_FRAMEWORK_HEADER);
  /* ... but an NF's own plain function may be called find. */
  CLARA_CHECK_EQ_INT(clara_framework_classify("find(unsigned int)"),
                     CLARA_FRAMEWORK_NONE);
  CLARA_CHECK_EQ_INT(clara_framework_classify("Route* finder<Route>(int)"),
                     CLARA_FRAMEWORK_NONE);
  /* The NF's own code, whatever its linkage. */
  CLARA_CHECK_EQ_INT(clara_framework_classify("IPRewriter::push(int, Packet*)"),
                     CLARA_FRAMEWORK_NONE);
  CLARA_CHECK_EQ_INT(clara_framework_classify("crc32_update(unsigned int, "
                                              "unsigned char const*, int)"),
                     CLARA_FRAMEWORK_NONE);
  CLARA_CHECK_EQ_INT(clara_framework_classify("PacketCounter::simple_action("
                                              "Packet*)"),
                     CLARA_FRAMEWORK_NONE);
  CLARA_CHECK_EQ_INT(clara_framework_classify("Stringify::run()"),
                     CLARA_FRAMEWORK_NONE);
}

static void test_entry_methods(void) {
  CLARA_CHECK(clara_is_entry_method("simple_action"));
  CLARA_CHECK(clara_is_entry_method("push"));
  CLARA_CHECK(clara_is_entry_method("pull"));
  CLARA_CHECK(clara_is_entry_method("smaction"));
  CLARA_CHECK(!clara_is_entry_method("push_back"));
  CLARA_CHECK(!clara_is_entry_method("configure"));
}

int main(void) {
  CLARA_RUN(test_qualified_name);
  CLARA_RUN(test_classify);
  CLARA_RUN(test_entry_methods);
  CLARA_TEST_EXIT();
}
