# Debian packages, built from the release preset:
#   cmake --workflow --preset release
#   cpack --config build/release/CPackConfig.cmake -G DEB -B build/release/packages
# gives
#   manifold_<version>_amd64.deb   the gateway and its tools (/usr/bin), the first-party
#                                  plugins (/usr/lib/manifold/plugins), the config
#                                  (/etc/manifold, conffiles), the systemd unit; its
#                                  postinst creates the manifold user and /var/lib/manifold
#   manifold-dev_<version>_all.deb the SDK: headers and the CMake package
# packaging/deb/test-deb.sh installs and upgrades them in a Debian 12 chroot.

# The package's own files. EXCLUDE_FROM_ALL: only the package installs them, so
# `cmake --install` (as the image's build does) never writes /etc or the unit.
install(FILES ${CMAKE_CURRENT_LIST_DIR}/manifold.json ${PROJECT_SOURCE_DIR}/packaging/config/prices.json
        DESTINATION /etc/manifold COMPONENT service EXCLUDE_FROM_ALL)
# Debian 12 keeps package units in /lib/systemd/system (the same folder as /usr/lib/...).
install(FILES ${PROJECT_SOURCE_DIR}/packaging/systemd/manifold.service
        DESTINATION /lib/systemd/system COMPONENT service EXCLUDE_FROM_ALL)

set(MANIFOLD_DEB_MAINTAINER "Manifold maintainers <maintainers@manifold.invalid>"
    CACHE STRING "Maintainer field of the Debian packages")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME manifold)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${MANIFOLD_DEB_MAINTAINER})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)

# One package per group: the gateway with its service files, and the SDK.
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL gateway service sdk)
set(CPACK_COMPONENT_GATEWAY_GROUP runtime)
set(CPACK_COMPONENT_SERVICE_GROUP runtime)
set(CPACK_COMPONENT_SDK_GROUP dev)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME manifold)
# The first line is the synopsis; CPack indents the rest.
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
    "LLM gateway with failover chains and provider plugins
One HTTP endpoint speaking the OpenAI and Anthropic APIs in front of many
LLM providers. Each request walks an ordered chain of engines and commits to
one at its first token. Providers are shared-library plugins.")
# dpkg-shlibdeps declares the Poco, SQLite, OpenSSL, libharu, libxlsxwriter and C++ runtime
# libraries.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
# adduser for postinst; procps for the unit's /bin/kill (ExecReload).
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "adduser, procps")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_LIST_DIR}/conffiles ${CMAKE_CURRENT_LIST_DIR}/postinst
    ${CMAKE_CURRENT_LIST_DIR}/prerm ${CMAKE_CURRENT_LIST_DIR}/postrm)

set(CPACK_DEBIAN_DEV_PACKAGE_NAME manifold-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_DESCRIPTION
    "SDK for Manifold plugins
The C plugin ABI (plugin.h), the C++17 helper headers and the CMake package
(find_package(ManifoldSDK)) that builds a Manifold plugin out of tree.")

include(CPack)
