# The scaffold templates of `perry native init`: installed as <prefix>/share/perry/templates, and
# copied to <build>/share/perry/templates so that the build tree's <build>/cli/perry finds them
# the way an installed <prefix>/bin/perry does (both look in ../share/perry beside the binary).
# The glob re-runs at build time (CONFIGURE_DEPENDS) so an added template is copied too; each
# configure_file makes its template a dependency of the configure step.
set(PERRY_TEMPLATES_SOURCE ${PROJECT_SOURCE_DIR}/templates)
file(GLOB_RECURSE _perry_templates RELATIVE ${PERRY_TEMPLATES_SOURCE} CONFIGURE_DEPENDS
     ${PERRY_TEMPLATES_SOURCE}/*)
foreach(_template IN LISTS _perry_templates)
  configure_file(${PERRY_TEMPLATES_SOURCE}/${_template}
                 ${PROJECT_BINARY_DIR}/share/perry/templates/${_template} COPYONLY)
endforeach()
install(DIRECTORY ${PERRY_TEMPLATES_SOURCE}/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/perry/templates)
