// A plugin written without the SDK's trampolines whose init lets a C++
// exception escape across the C ABI. The host must survive it.
#include <manifold/plugin.h>

#include <stdexcept>

namespace {

int32_t init(const mf_host*, mf_error*) {
  throw std::runtime_error("init blew up");
}
const void* getFactory(mf_str) {
  return nullptr;
}
// A kind the host does not know: ignored, so the load gets as far as init.
// (A known kind would need a valid table, checked before init runs.)
const mf_str kinds[] = {MF_STR("test.nothing/1")};

}  // namespace

extern "C" MANIFOLD_EXPORT const mf_plugin_descriptor* manifold_plugin_entry(void) {
  static const mf_plugin_descriptor d = {sizeof(mf_plugin_descriptor),
                                         MANIFOLD_ABI_MAJOR,
                                         MANIFOLD_ABI_MINOR,
                                         MF_STR("test.init-throws"),
                                         MF_STR("0.0.1"),
                                         MF_STR("init throws"),
                                         kinds,
                                         1,
                                         init,
                                         nullptr,
                                         getFactory};
  return &d;
}
