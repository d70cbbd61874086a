# The dashboard's static files (host/ui/*.html, .js, .css, .svg) compiled into
# the gateway as byte strings, each with an ETag from its SHA-256, so a
# deployed binary serves /ui with no files beside it and no CDN.
#   manifold_embed_ui(OUTPUT_CPP)
function(manifold_embed_ui output)
  file(GLOB ui_files CONFIGURE_DEPENDS
       ${CMAKE_CURRENT_SOURCE_DIR}/ui/*.html ${CMAKE_CURRENT_SOURCE_DIR}/ui/*.js
       ${CMAKE_CURRENT_SOURCE_DIR}/ui/*.css ${CMAKE_CURRENT_SOURCE_DIR}/ui/*.svg)
  list(SORT ui_files)
  set(entries "")
  foreach(ui_file IN LISTS ui_files)
    get_filename_component(name ${ui_file} NAME)
    file(READ ${ui_file} hex HEX)
    file(SIZE ${ui_file} size)
    file(SHA256 ${ui_file} digest)
    string(SUBSTRING ${digest} 0 20 etag)
    # Every byte as \xNN: no escape runs into the next character.
    string(REGEX REPLACE "(..)" "\\\\x\\1" escaped "${hex}")
    string(APPEND entries
           "      {\"${name}\", std::string_view(\"${escaped}\", ${size}), \"\\\"${etag}\\\"\"},\n")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${ui_file})
  endforeach()
  file(CONFIGURE OUTPUT ${output} CONTENT
"#include \"http/UiAssets.h\"

namespace manifold::http {

const std::vector<UiAsset>& uiAssets() {
  static const std::vector<UiAsset> all = {
${entries}  };
  return all;
}

}  // namespace manifold::http
" @ONLY)
endfunction()
